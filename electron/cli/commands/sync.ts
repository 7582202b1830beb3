import type { SyncPassResult } from '../../core/sync'
import { parseCommandArgs } from '../args'
import type { CliIo } from '../output'
import { openStationCore } from './station-core'
import { EXIT } from '../exit-codes'
import { bilingualMessage } from '../../../lib/messages'

/** `kiosk sync run [--until-empty] [--json]`: sync passes on demand. */
export async function syncRunCommand(
  argv: readonly string[],
  io: CliIo,
  env: NodeJS.ProcessEnv,
  stopSignal: Promise<void>,
): Promise<number> {
  const { values } = parseCommandArgs(argv, {
    'until-empty': { type: 'boolean' },
    json: { type: 'boolean' },
  })
  let stopped = false
  void stopSignal.then(() => {
    stopped = true
  })
  const station = await openStationCore(argv, env, { withUpstream: true })
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
    if (!values.json) io.out(bilingualMessage('cli.text.left', { ...counts }))
    // Offline, or files still waiting after --until-empty: the upstream could not take them all.
    if (values['until-empty'] && counts.queued > 0) return EXIT.UPSTREAM_UNREACHABLE
    return last?.online ? EXIT.OK : EXIT.UPSTREAM_UNREACHABLE
  } finally {
    await station.close()
  }
}

function formatPass(pass: SyncPassResult): string {
  const tail = pass.stoppedBecause ? ` — ${pass.stoppedBecause}` : ''
  return (
    bilingualMessage(pass.online ? 'cli.text.syncPassOnline' : 'cli.text.syncPassOffline', {
      sent: pass.sent,
      failed: pass.failed,
      dead: pass.dead,
      statusUpdates: pass.statusUpdates,
      bodiesDeleted: pass.bodiesDeleted,
    }) + tail
  )
}
