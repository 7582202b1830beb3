import { CatalogueError, messageRef, type CatalogueMessage } from '../../../lib/messages'
import { AccessDeniedError, accessDeniedMessage } from '../icao9303/errors'
import { CardError, cardErrorMessage } from '../iso7816/errors'

/** Why a read failed, as the core tells it apart; stable across versions. */
export const cardReaderErrorCodes = [
  'access-denied',
  'no-reader',
  'no-card',
  'card-removed',
  'timeout',
  'pcsc-unavailable',
  'reader-busy',
  'read-failed',
] as const
export type CardReaderErrorCode = (typeof cardReaderErrorCodes)[number]

/** The default sentence of each code; the cause's own sentence wins when it has one. */
const TEXT: Record<CardReaderErrorCode, CatalogueMessage> = {
  'access-denied': accessDeniedMessage,
  'no-reader': cardErrorMessage('READER_NOT_FOUND'),
  'no-card': cardErrorMessage('NO_CARD'),
  'card-removed': cardErrorMessage('CARD_REMOVED'),
  timeout: cardErrorMessage('TIMEOUT'),
  'pcsc-unavailable': cardErrorMessage('PCSC_UNAVAILABLE'),
  'reader-busy': cardErrorMessage('READER_BUSY'),
  'read-failed': messageRef('messages.cardReader.read-failed'),
}

/** A failed card read: "Vietnamese / English: detail", with a code the core maps to its replies. */
export class CardReaderError extends CatalogueError {
  override readonly name = 'CardReaderError'

  constructor(
    readonly code: CardReaderErrorCode,
    detail: string | null = null,
    options: { cause?: unknown; text?: CatalogueMessage } = {},
  ) {
    super(options.text ?? TEXT[code], detail, { cause: options.cause })
  }
}

const CARD_ERROR_CODES: Partial<Record<CardError['code'], CardReaderErrorCode>> = {
  CARD_REMOVED: 'card-removed',
  TIMEOUT: 'timeout',
  PCSC_UNAVAILABLE: 'pcsc-unavailable',
  READER_NOT_FOUND: 'no-reader',
  NO_CARD: 'no-card',
  READER_BUSY: 'reader-busy',
}

/**
 * Sorts any failure of a read into a code. Access denied and the transport conditions an officer
 * can act on keep their own sentence; everything else (secure messaging, a chip that fails to
 * authenticate itself, a malformed answer) is `read-failed` with the cause as detail.
 */
export function toCardReaderError(error: unknown): CardReaderError {
  if (error instanceof CardReaderError) return error
  if (error instanceof AccessDeniedError) {
    return new CardReaderError('access-denied', error.detail, {
      cause: error,
      text: error,
    })
  }
  if (error instanceof CardError) {
    const code = CARD_ERROR_CODES[error.code]
    if (code) {
      return new CardReaderError(code, error.detail ?? null, {
        cause: error,
        text: error,
      })
    }
  }
  const message = error instanceof Error ? error.message : String(error)
  return new CardReaderError('read-failed', message, { cause: error })
}
