import { createCore } from '../../core'
import { parseCommandArgs } from '../args'
import type { CliIo } from '../output'
import { buildDoctorReport, systemProbes, type DoctorProbes } from './doctor-report'
import { formatDoctorReport } from './doctor-format'
import { loadCliConfig, prepareDataDir } from './load-config'

/** `kiosk doctor [--json]`: what this station has, for IT support. */
export async function doctorCommand(
  argv: readonly string[],
  io: CliIo,
  env: NodeJS.ProcessEnv,
  probes: DoctorProbes = systemProbes,
): Promise<number> {
  const { values } = parseCommandArgs(argv, { json: { type: 'boolean' } })
  const loaded = loadCliConfig(argv, env)
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
