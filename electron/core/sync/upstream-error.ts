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
