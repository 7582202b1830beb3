import type { SyncPassResult } from '../../core/sync'
import { parseCommandArgs } from '../args'
import { CliError, type CliIo } from '../output'
import { openStationCore } from './station-core'

/** `kiosk sync run [--until-empty] [--json]`: sync passes on demand. */
export async function syncCommand(
  argv: readonly string[],
  io: CliIo,
  env: NodeJS.ProcessEnv,
  stopSignal: Promise<void>,
): Promise<number> {
  const [sub, ...rest] = argv
  if (sub !== 'run')
    throw new CliError('Lệnh con không tồn tại', 'Unknown subcommand', `sync ${sub ?? ''} (run)`, 1)
  const { values } = parseCommandArgs(rest, {
    'until-empty': { type: 'boolean' },
    json: { type: 'boolean' },
  })
  let stopped = false
  void stopSignal.then(() => {
    stopped = true
  })
  const station = await openStationCore(rest, env, { withUpstream: true })
  try {
    const print = (pass: SyncPassResult) =>
      io.out(values.json ? JSON.stringify(pass) : formatPass(pass))
    let last: SyncPassResult | undefined
    if (values['until-empty']) {
      const passes = await station.core.queue.sync.runUntilEmpty({
        shouldStop: () => stopped,
        sleep: (ms) => Promise.race([new Promise<void>((r) => setTimeout(r, ms)), stopSignal]),
        onPass: print,
      })
      last = passes.at(-1)
    } else {
      last = await station.core.queue.sync.runPass()
      print(last)
    }
    const { counts } = station.core.queue.status()
    if (!values.json)
      io.out(`Còn lại / Left: ${counts.queued} queued, ${counts.dead} dead, ${counts.sent} sent`)
    if (values['until-empty'] && counts.queued > 0) return 2
    return last?.online ? 0 : 2
  } finally {
    await station.close()
  }
}

function formatPass(pass: SyncPassResult): string {
  const head = pass.online ? 'online' : 'offline'
  const tail = pass.stoppedBecause ? ` — ${pass.stoppedBecause}` : ''
  return (
    `Đồng bộ / Sync pass (${head}): ${pass.sent} sent, ${pass.failed} failed, ${pass.dead} dead, ` +
    `${pass.statusUpdates} status updates, ${pass.bodiesDeleted} bodies deleted${tail}`
  )
}
