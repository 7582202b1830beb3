import type { Clock, Timer } from '../../lib/clock'
import { backoffDelayMs, createSmsSender, type DrainReport } from '../sms/sms-sender'
import { openSmscSession, type SmscEndpoint } from '../sms/smsc-session'
import type { UpstreamLog } from './context'
import type { AsyncRepository } from './db/async-repository'
import type { SmsOutbox } from './db/sms-outbox'

/** How the upstream reaches the SMSC and keeps the numbers (`kiosk upstream serve --smsc`). */
export interface SmsDeliveryOptions {
  endpoint: SmscEndpoint
  /** Parts per second the SMSC contract allows (default 10). */
  ratePerSecond?: number
  /** Time between passes over the outbox (default 5 s). */
  intervalMs?: number
  /** How long a finished notice keeps its sealed number before it is forgotten (default 30 days). */
  retentionMs?: number
  maxAttempts?: number
}

export interface SmsDelivery {
  /** One pass now: send what is due, then forget numbers past the retention. */
  drain(): Promise<DrainReport>
  stop(): Promise<void>
}

const DAY_MS = 86_400_000

/**
 * Drains the outbox to the SMSC every `intervalMs` on `clock`; passes never overlap. A pass that
 * fails is logged and the next one tries again: a notice leaves the outbox only when the SMSC
 * took it or it was given up for a reason the review page shows.
 */
export function startSmsDelivery(
  outbox: AsyncRepository<SmsOutbox>,
  options: SmsDeliveryOptions,
  deps: { clock: Clock; now(): Date; log: UpstreamLog },
): SmsDelivery {
  const { clock, now, log } = deps
  const sender = createSmsSender({
    queue: outbox,
    connect: () => openSmscSession(options.endpoint, clock),
    clock,
    now,
    ratePerSecond: options.ratePerSecond ?? 10,
    maxAttempts: options.maxAttempts ?? 8,
    retryDelayMs: backoffDelayMs,
    throttlePauseMs: 1000,
    maxThrottleRetries: 5,
    log,
  })
  const retentionMs = options.retentionMs ?? 30 * DAY_MS
  let running: Promise<DrainReport> | null = null
  let timer: Timer | null = null
  let stopped = false

  async function pass(): Promise<DrainReport> {
    const report = await sender.drain()
    const at = now()
    const purged = await outbox.purge(new Date(at.getTime() - retentionMs), at)
    if (report.submitted || report.failed || report.retried || purged)
      log('sms pass', { ...report, purged })
    return report
  }

  function drain(): Promise<DrainReport> {
    running ??= pass().finally(() => (running = null))
    return running
  }

  function schedule(): void {
    if (stopped) return
    timer = clock.after(options.intervalMs ?? 5000, () => {
      drain()
        .catch((error: unknown) => log('sms pass failed', { reason: String(error) }))
        .finally(schedule)
    })
  }

  schedule()
  return {
    drain,
    async stop() {
      stopped = true
      timer?.cancel()
      await running?.catch(() => undefined)
      await sender.close()
    },
  }
}
