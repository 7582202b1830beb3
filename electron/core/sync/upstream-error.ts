import {
  bilingualLine,
  messageRef,
  type CatalogueMessage,
  type MessageParams,
} from '../../../lib/messages'
import type { ErrorClass, ErrorCode } from '../../../protocol'

/**
 * One failed exchange with the upstream. `network`: no HTTP answer (refused, reset, timeout);
 * `http`: an error status; `protocol`: a 2xx answer that does not match the contract.
 */
export class UpstreamRequestError extends Error {
  /** The catalogue sentence, when the failure has one (`messages.sync.*`, `messages.upstream.*`). */
  readonly messageKey: string | undefined
  readonly params: MessageParams

  constructor(
    readonly kind: 'network' | 'http' | 'protocol',
    readonly errorClass: ErrorClass,
    /** A message as is (e.g. the upstream's own), or a catalogue sentence and a detail. */
    message: string | { text: CatalogueMessage; detail?: string },
    readonly status: number | null = null,
    readonly code: ErrorCode | null = null,
    readonly receivedOffset: number | undefined = undefined,
    /** With a 429 (or 503) answer: how long the upstream asked to wait (its `Retry-After`). */
    readonly retryAfterMs: number | undefined = undefined,
  ) {
    super(typeof message === 'string' ? message : bilingualLine(message.text, message.detail))
    this.name = 'UpstreamRequestError'
    const text =
      typeof message === 'string'
        ? code === null
          ? undefined
          : messageRef(`messages.upstream.${code}`)
        : message.text
    this.messageKey = text?.messageKey
    this.params = text?.params ?? {}
  }

  get retryable(): boolean {
    return this.errorClass === 'retryable'
  }
}

/**
 * A `Retry-After` header as milliseconds from `now`: delta-seconds or an HTTP date (RFC 9110
 * 10.2.3); undefined when absent or unreadable.
 */
export function retryAfterMsOf(header: string | null, now: Date): number | undefined {
  if (header === null) return undefined
  const text = header.trim()
  if (/^\d{1,9}$/.test(text)) return Number(text) * 1000
  const at = Date.parse(text)
  return Number.isNaN(at) ? undefined : Math.max(0, at - now.getTime())
}

/** The upstream asked this station to slow down: not a fault of the file being sent. */
export function isRateLimited(error: unknown): error is UpstreamRequestError {
  return (
    error instanceof UpstreamRequestError &&
    error.kind === 'http' &&
    (error.code === 'rate_limited' || error.status === 429)
  )
}
