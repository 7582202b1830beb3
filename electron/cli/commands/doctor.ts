import { createCore } from '../../core'
import { parseCommandArgs } from '../args'
import type { CliIo } from '../output'
import { buildDoctorReport, systemProbes, type DoctorProbes } from './doctor-report'
import { formatDoctorReport } from './doctor-format'
import { formatSelfTest, runSelfTest, selfTestExitCode, selfTestJson } from './doctor-self-test'
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
  const core = await createCore(loaded.config, { shell: 'cli' })
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
