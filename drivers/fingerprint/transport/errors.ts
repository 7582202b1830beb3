import { CatalogueError, messageRef, type CatalogueMessage } from '../../../lib/messages'

/**
 * Base of every typed failure in the fingerprint device stack. `messageKey`/`params` name what
 * happened, in words an officer understands, in the catalogue (`messages.fingerprint.*`); `vi` and
 * `en` are formatted from it; `detail` is for support staff; `retryable` tells the capture service
 * whether trying again can help.
 */
export class FingerprintError extends CatalogueError {
  constructor(
    readonly code: string,
    text: CatalogueMessage,
    detail: string | null,
    readonly retryable: boolean,
  ) {
    super(text, detail)
    this.name = 'FingerprintError'
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
