import { readFileSync } from 'node:fs'
import { ScenarioSchema, type Scenario } from '../../contract'
import type { Core } from '../../core'
import type { ScenarioResult } from '../../core/training/scenario-runner'
import { safeParse } from '../../../lib/schema'
import { bilingualMessage, formatMessage } from '../../../lib/messages'
import { parseCommandArgs } from '../args'
import { EXIT } from '../exit-codes'
import { CliError, type CliIo } from '../output'
import { openStationCore } from './station-core'

/** Reads and checks a scenario file; a bad one is a usage error naming the problem. */
export function loadScenario(path: string): Scenario {
  let text: string
  try {
    text = readFileSync(path, 'utf8')
  } catch (error) {
    throw new CliError(
      'enrollment.cli.noScenarioFile',
      { path },
      EXIT.USAGE,
      (error as Error).message,
    )
  }
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch (error) {
    throw new CliError('enrollment.cli.badScenario', { path }, EXIT.USAGE, (error as Error).message)
  }
  const parsed = safeParse(ScenarioSchema, json)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]
    const where = issue ? `${issue.path.join('.')}: ${issue.message}` : 'invalid'
    throw new CliError('enrollment.cli.badScenario', { path }, EXIT.USAGE, where)
  }
  return parsed.data
}

/**
 * Training stations run scenarios with their own accounts: the scenario's officer and supervisor
 * are created on a station with simulated devices if they are not there yet (audited as
 * `training`). On real devices a scenario is refused outright.
 */
async function ensureTrainingAccounts(core: Core, scenario: Scenario): Promise<void> {
  if (core.config.devices !== 'simulated')
    throw new CliError(
      'cli.errors.scenarioNeedsSimulation',
      { devices: core.config.devices },
      EXIT.USAGE,
    )
  const { accounts } = core.officers
  const existing = new Set(accounts.list().map((o) => o.username))
  const wanted = [
    { ...scenario.supervisor, role: 'supervisor' as const, displayName: 'Chỉ huy huấn luyện' },
    { ...scenario.officer, role: 'officer' as const, displayName: 'Cán bộ huấn luyện' },
  ]
  for (const account of wanted)
    if (!existing.has(account.username))
      await accounts.create({ ...account, policeId: '' }, 'training')
}

/**
 * `kiosk enroll --scenario FILE [--json]`: one citizen at the desk, scripted, through the same
 * enrollment state machine and channels as the kiosk's screens, on simulated devices (the virtual
 * CCCD, the fake camera's frame, the EF01 simulator), signed in as the scenario's officer. Prints
 * the step timeline and the file id, or the refusal with its reason; the file waits in the queue
 * for `kiosk sync run`.
 */
export async function enrollCommand(
  argv: readonly string[],
  io: CliIo,
  env: NodeJS.ProcessEnv,
): Promise<number> {
  const { values } = parseCommandArgs(argv, {
    scenario: { type: 'string' },
    json: { type: 'boolean' },
  })
  if (values.scenario === undefined)
    throw new CliError('enrollment.cli.scenarioMissing', {}, EXIT.USAGE)
  const scenario = loadScenario(values.scenario)
  const station = await openStationCore(argv, env, { withUpstream: true })
  try {
    await ensureTrainingAccounts(station.core, scenario)
    const caller = station.core.connect('cli')
    await station.core.officers.signIn(caller, scenario.officer.username, scenario.officer.password)
    const { runScenario } = await import('../../core/training/scenario-runner')
    const { cameraFramePng } = await import('../../core/queue/sim-portrait')
    const result = await runScenario(station.core, caller, scenario, {
      clock: () => performance.now(),
      cameraFrame: cameraFramePng,
    })
    station.core.disconnect(caller)
    if (values.json) io.out(JSON.stringify(result, null, 2))
    else printResult(io, result)
    return result.asExpected ? 0 : EXIT.FAILED
  } finally {
    await station.close()
  }
}

function printResult(io: CliIo, result: ScenarioResult): void {
  for (const entry of result.timeline) {
    const ms = `${(entry.ms / 1000).toFixed(2)} s`.padStart(9)
    const mark = entry.ok ? '✓' : `✗ ${entry.error ?? ''}`
    io.out(`${ms}  ${entry.action.padEnd(34)} ${entry.step ?? ''} ${mark}`)
  }
  io.out(
    bilingualMessage('enrollment.cli.summary', {
      seconds: (result.ms / 1000).toFixed(1),
      inputs: result.officerInputs,
    }),
  )
  if (result.outcome === 'submitted' && result.fileId)
    io.out(bilingualMessage('enrollment.cli.submitted', { fileId: result.fileId }))
  if (result.refusal) {
    const { key, params } = result.refusal
    io.out(bilingualMessage('enrollment.cli.refused', {}))
    io.out(`  ${formatMessage('vi', key, params)}`)
    io.out(`  ${formatMessage('en', key, params)}`)
  }
  if (!result.asExpected) io.err(bilingualMessage('enrollment.cli.unexpected', {}))
}
