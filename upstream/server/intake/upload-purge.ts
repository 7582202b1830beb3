import type { Clock, Timer } from '../../../lib/clock'
import type { UpstreamLog } from '../context'

/** How often unfinished uploads past their expiry are purged when no announce does it. */
export const UPLOAD_PURGE_EVERY_MS = 60 * 60 * 1000

/**
 * Purges expired unfinished uploads every `everyMs` on `clock` (announces purge too, but an
 * upstream no station announces to would keep them). Passes never overlap; a failed pass (the
 * database away) is logged and the next one tries again.
 */
export function startUploadPurge(
  purge: () => Promise<number>,
  options: { clock: Clock; log: UpstreamLog; everyMs?: number },
): { stop(): Promise<void> } {
  let timer: Timer | null = null
  let running: Promise<unknown> | null = null
  let stopped = false
  const schedule = () => {
    if (stopped) return
    timer = options.clock.after(options.everyMs ?? UPLOAD_PURGE_EVERY_MS, () => {
      running = purge()
        .catch((error: unknown) => options.log('upload purge failed', { reason: String(error) }))
        .finally(() => {
          running = null
          schedule()
        })
    })
  }
  schedule()
  return {
    async stop() {
      stopped = true
      timer?.cancel()
      await running
    },
  }
}
