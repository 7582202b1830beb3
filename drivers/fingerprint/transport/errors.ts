import {
  bilingualLine,
  formatMessage,
  messageRef,
  type CatalogueMessage,
  type MessageParams,
} from '../../../lib/messages'

/**
 * Base of every typed failure in the fingerprint device stack. `messageKey`/`params` name what
 * happened, in words an officer understands, in the catalogue (`messages.fingerprint.*`); `vi` and
 * `en` are formatted from it; `detail` is for support staff; `retryable` tells the capture service
 * whether trying again can help.
 */
export class FingerprintError extends Error implements CatalogueMessage {
  readonly messageKey: string
  readonly params: MessageParams

  constructor(
    readonly code: string,
    text: CatalogueMessage,
    readonly detail: string | null,
    readonly retryable: boolean,
  ) {
    super(bilingualLine(text, detail))
    this.name = 'FingerprintError'
    this.messageKey = text.messageKey
    this.params = text.params
  }

  /** The sentence in Vietnamese, from the catalogue. */
  get vi(): string {
    return formatMessage('vi', this.messageKey, this.params)
  }

  /** The sentence in English, from the catalogue. */
  get en(): string {
    return formatMessage('en', this.messageKey, this.params)
  }
}

export const transportErrorCodes = [
  'not-found',
  'open-failed',
  'removed',
  'closed',
  'write-failed',
  'bad-config',
] as const
export type TransportErrorCode = (typeof transportErrorCodes)[number]

/** A failure of the byte link itself: the port could not be opened, or went away. */
export class TransportError extends FingerprintError {
  constructor(
    readonly transportCode: TransportErrorCode,
    detail: string | null = null,
  ) {
    super(
      `transport-${transportCode}`,
      messageRef(`messages.fingerprint.transport.${transportCode}`),
      detail,
      transportCode === 'removed',
    )
    this.name = 'TransportError'
  }
}

/** The operation was cancelled by the caller (an AbortSignal fired). */
export class CancelledError extends FingerprintError {
  constructor(detail: string | null = null) {
    super('cancelled', messageRef('messages.fingerprint.cancelled'), detail, false)
    this.name = 'CancelledError'
  }
}
