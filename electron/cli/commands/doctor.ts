import { createCore, type Core } from '../../core'
import { KeyProtectionError } from '../../core/keys'
import { EXIT } from '../exit-codes'
import { parseCommandArgs } from '../args'
import type { CliIo } from '../output'
import { buildDoctorReport, systemProbes, type DoctorProbes } from './doctor-report'
import { formatDoctorReport, formatKeyRefusal } from './doctor-format'
import { formatSelfTest, runSelfTest, selfTestExitCode, selfTestJson } from './doctor-self-test'
import { cliKeyProtection } from './key-passphrase'
import { loadCliConfig, prepareDataDir } from './load-config'

/** `kiosk doctor [--json] [--self-test]`: what this station has, for IT support. */
export async function doctorCommand(
  argv: readonly string[],
  io: CliIo,
  env: NodeJS.ProcessEnv,
  probes: DoctorProbes = systemProbes,
): Promise<number> {
  const { values } = parseCommandArgs(argv, {
    json: { type: 'boolean' },
    'self-test': { type: 'boolean' },
  })
  const loaded = loadCliConfig(argv, env)
  if (values['self-test']) return selfTestCommand(loaded.config.devices, values.json === true, io)
  prepareDataDir(loaded.config.dataDir)
  let core: Core
  try {
    core = await createCore(loaded.config, {
      shell: 'cli',
      keyProtection: cliKeyProtection(argv, env),
    })
  } catch (error) {
    if (!(error instanceof KeyProtectionError)) throw error
    // The keys' refusal is the finding: say it, and what to do, rather than fail on it.
    const { reason, params } = error
    io.out(
      values.json
        ? JSON.stringify({ keyProtection: { refused: { reason, params, message: error.message } } })
        : formatKeyRefusal(loaded.config.dataDir, error.message),
    )
    return EXIT.FAILED
  }
  try {
    const report = await buildDoctorReport(core, loaded, probes)
    io.out(values.json ? JSON.stringify(report, null, 2) : formatDoctorReport(report))
    return 0
  } finally {
    await core.close()
  }
}

/** `--self-test`: each device exercised once; non-zero when one failed. */
async function selfTestCommand(
  devices: Parameters<typeof runSelfTest>[0],
  json: boolean,
  io: CliIo,
): Promise<number> {
  const lines = await runSelfTest(devices)
  io.out(json ? selfTestJson(lines) : formatSelfTest(lines))
  return selfTestExitCode(lines)
}
