import { AccessDeniedError } from '../icao9303/errors'
import { CardError, cardErrorText, type BilingualText } from '../iso7816/errors'

/** Why a read failed, as the core tells it apart; stable across versions. */
export type CardReaderErrorCode =
  | 'access-denied'
  | 'no-reader'
  | 'no-card'
  | 'card-removed'
  | 'timeout'
  | 'pcsc-unavailable'
  | 'reader-busy'
  | 'read-failed'

const READ_FAILED: BilingualText = { vi: 'Không đọc được thẻ', en: 'The card could not be read' }

/** The default sentence of each code; the cause's own sentence wins when it has one. */
const TEXT: Record<CardReaderErrorCode, BilingualText> = {
  'access-denied': {
    vi: 'Thẻ từ chối khóa truy cập (sai CAN hoặc dữ liệu MRZ)',
    en: 'The chip refused the access key (wrong CAN or MRZ data)',
  },
  'no-reader': cardErrorText('READER_NOT_FOUND'),
  'no-card': cardErrorText('NO_CARD'),
  'card-removed': cardErrorText('CARD_REMOVED'),
  timeout: cardErrorText('TIMEOUT'),
  'pcsc-unavailable': cardErrorText('PCSC_UNAVAILABLE'),
  'reader-busy': cardErrorText('READER_BUSY'),
  'read-failed': READ_FAILED,
}

/** A failed card read: "Vietnamese / English: detail", with a code the core maps to its replies. */
export class CardReaderError extends Error {
  override readonly name = 'CardReaderError'
  readonly vi: string
  readonly en: string

  constructor(
    readonly code: CardReaderErrorCode,
    readonly detail: string | null = null,
    options: { cause?: unknown; text?: BilingualText } = {},
  ) {
    const text = options.text ?? TEXT[code]
    super(`${text.vi} / ${text.en}${detail ? `: ${detail}` : ''}`, { cause: options.cause })
    this.vi = text.vi
    this.en = text.en
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
      text: { vi: error.vi, en: error.en },
    })
  }
  if (error instanceof CardError) {
    const code = CARD_ERROR_CODES[error.code]
    if (code) {
      return new CardReaderError(code, error.detail ?? null, {
        cause: error,
        text: { vi: error.vi, en: error.en },
      })
    }
  }
  const message = error instanceof Error ? error.message : String(error)
  return new CardReaderError('read-failed', message, { cause: error })
}
