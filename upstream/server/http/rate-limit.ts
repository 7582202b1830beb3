import rateLimit, {
  type FastifyRateLimitStore,
  type FastifyRateLimitStoreCtor,
} from '@fastify/rate-limit'
import type { FastifyInstance, FastifyRequest } from 'fastify'
import type { UpstreamLimits } from '../limits'
import { UpstreamError } from '../errors'

interface Window {
  count: number
  startMs: number
}

/** Keys kept before expired windows are swept (a national upstream has ~11 000 stations). */
const SWEEP_AT = 50_000

/**
 * A fixed-window counter store for @fastify/rate-limit whose time is `nowMs` (the upstream's
 * injected clock), so tests move a virtual clock instead of waiting. In memory: a restart forgets
 * the counts, which at worst grants one more window.
 */
export function clockedRateStore(nowMs: () => number): FastifyRateLimitStoreCtor {
  return class ClockedRateStore implements FastifyRateLimitStore {
    private readonly windows = new Map<string, Window>()

    incr(
      key: string,
      callback: (error: Error | null, result?: { current: number; ttl: number }) => void,
      timeWindow: number,
    ): void {
      const now = nowMs()
      if (this.windows.size >= SWEEP_AT) this.sweep(now, timeWindow)
      let window = this.windows.get(key)
      if (!window || window.startMs + timeWindow <= now) {
        window = { count: 0, startMs: now }
        this.windows.set(key, window)
      }
      window.count++
      callback(null, { current: window.count, ttl: window.startMs + timeWindow - now })
    }

    child(): FastifyRateLimitStore {
      return new ClockedRateStore()
    }

    private sweep(now: number, timeWindow: number): void {
      for (const [key, window] of this.windows)
        if (window.startMs + timeWindow <= now) this.windows.delete(key)
    }
  }
}

/**
 * Per-terminal rate limits on every terminal-authenticated route of `app`'s scope, keyed by the
 * terminal id. It runs at preParsing, after the signature check and before the body is read. Over
 * the limit: 429 `rate_limited` with `Retry-After` in seconds. The unsigned probe and registration
 * are not counted: behind a TLS proxy every station shares the proxy's address, so an address
 * limit would throttle them all together (registration needs a one-time invite anyway).
 */
export async function registerRateLimit(
  app: FastifyInstance,
  options: {
    limits: Pick<UpstreamLimits, 'requestsPerWindow' | 'rateWindowMs'>
    nowMs: () => number
    terminalIdOf: (request: FastifyRequest) => string | undefined
  },
): Promise<void> {
  await app.register(rateLimit, {
    hook: 'preParsing',
    max: options.limits.requestsPerWindow,
    timeWindow: options.limits.rateWindowMs,
    store: clockedRateStore(options.nowMs),
    keyGenerator: (request) => options.terminalIdOf(request) ?? '',
    allowList: (request) => options.terminalIdOf(request) === undefined,
    errorResponseBuilder: (_request, context) =>
      new UpstreamError('rate_limited', `over ${context.max} requests; retry in ${context.after}`),
  })
}
