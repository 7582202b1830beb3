import rateLimit, {
  type FastifyRateLimitStore,
  type FastifyRateLimitStoreCtor,
} from '@fastify/rate-limit'
import type { FastifyInstance, FastifyRequest } from 'fastify'
import type { UpstreamLimits } from '../limits'
import type { AsyncRepository } from '../db/async-repository'
import type { RateCount, RateWindows } from '../db/rate-windows'
import { UpstreamError } from '../errors'

/**
 * A fixed-window counter store for @fastify/rate-limit on the upstream's `RateWindows` (shared by
 * all intake processes on PostgreSQL) and its injected clock, so tests move a virtual clock
 * instead of waiting.
 */
export function sharedRateStore(
  windows: AsyncRepository<RateWindows>,
  nowMs: () => number,
): FastifyRateLimitStoreCtor {
  return class SharedRateStore implements FastifyRateLimitStore {
    incr(
      key: string,
      callback: (error: Error | null, result?: RateCount) => void,
      timeWindow: number,
    ): void {
      windows.incr(key, nowMs(), timeWindow).then(
        (count) => callback(null, count),
        (error: unknown) => callback(error instanceof Error ? error : new Error(String(error))),
      )
    }

    child(): FastifyRateLimitStore {
      return new SharedRateStore()
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
    windows: AsyncRepository<RateWindows>
    nowMs: () => number
    terminalIdOf: (request: FastifyRequest) => string | undefined
  },
): Promise<void> {
  await app.register(rateLimit, {
    hook: 'preParsing',
    max: options.limits.requestsPerWindow,
    timeWindow: options.limits.rateWindowMs,
    store: sharedRateStore(options.windows, options.nowMs),
    keyGenerator: (request) => options.terminalIdOf(request) ?? '',
    allowList: (request) => options.terminalIdOf(request) === undefined,
    errorResponseBuilder: (_request, context) =>
      new UpstreamError('rate_limited', `over ${context.max} requests; retry in ${context.after}`),
  })
}
