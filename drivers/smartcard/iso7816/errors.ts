/**
 * Typed failures of talking to a card, each with a Vietnamese and English sentence for the officer.
 * `code` is the stable discriminator the core maps to its own replies; the message is for people.
 */
export type CardErrorCode =
  | 'STATUS_WORD'
  | 'TIMEOUT'
  | 'CARD_REMOVED'
  | 'PCSC_UNAVAILABLE'
  | 'VPCD_UNAVAILABLE'
  | 'READER_NOT_FOUND'
  | 'NO_CARD'
  | 'READER_BUSY'
  | 'LINK_CLOSED'
  | 'LINK_BROKEN'
  | 'TRANSPORT'
  | 'MALFORMED_RESPONSE'
  | 'FILE_TRUNCATED'
  | 'FILE_TOO_LARGE'

export interface BilingualText {
  vi: string
  en: string
}

const TEXT: Record<Exclude<CardErrorCode, 'STATUS_WORD'>, BilingualText> = {
  TIMEOUT: { vi: 'Chip không phản hồi kịp thời', en: 'The chip did not answer in time' },
  CARD_REMOVED: {
    vi: 'Thẻ đã bị rút ra khỏi đầu đọc',
    en: 'The card was removed from the reader',
  },
  PCSC_UNAVAILABLE: {
    vi: 'Dịch vụ đầu đọc thẻ PC/SC không sẵn sàng',
    en: 'The PC/SC smart-card service is not available',
  },
  VPCD_UNAVAILABLE: {
    vi: 'Đầu đọc ảo vpcd không lắng nghe: pcscd/vpcd chưa chạy',
    en: 'The virtual reader vpcd is not listening: pcscd/vpcd is not running',
  },
  READER_NOT_FOUND: { vi: 'Không tìm thấy đầu đọc thẻ', en: 'Card reader not found' },
  NO_CARD: { vi: 'Chưa có thẻ trên đầu đọc', en: 'No card on the reader' },
  READER_BUSY: {
    vi: 'Đầu đọc đang được ứng dụng khác sử dụng',
    en: 'The reader is in use by another application',
  },
  LINK_CLOSED: { vi: 'Kết nối tới thẻ đã đóng', en: 'The card connection is closed' },
  LINK_BROKEN: {
    vi: 'Kết nối tới thẻ cần được thiết lập lại',
    en: 'The card connection must be re-established',
  },
  TRANSPORT: { vi: 'Lỗi truyền dữ liệu với thẻ', en: 'Communication error with the card' },
  MALFORMED_RESPONSE: {
    vi: 'Phản hồi của chip không hợp lệ',
    en: 'Malformed response from the chip',
  },
  FILE_TRUNCATED: {
    vi: 'Tệp trên chip ngắn hơn độ dài khai báo',
    en: 'The file on the chip is shorter than its declared length',
  },
  FILE_TOO_LARGE: {
    vi: 'Tệp trên chip khai báo độ dài quá lớn',
    en: 'The file on the chip declares an implausible length',
  },
}

export function cardErrorText(code: Exclude<CardErrorCode, 'STATUS_WORD'>): BilingualText {
  return TEXT[code]
}

export class CardError extends Error {
  override name = 'CardError'
  readonly vi: string
  readonly en: string

  constructor(
    readonly code: CardErrorCode,
    text: BilingualText,
    readonly detail?: string,
    options?: { cause?: unknown },
  ) {
    super(`${text.vi} / ${text.en}${detail ? `: ${detail}` : ''}`, options)
    this.vi = text.vi
    this.en = text.en
  }

  static of(
    code: Exclude<CardErrorCode, 'STATUS_WORD'>,
    detail?: string,
    options?: { cause?: unknown },
  ): CardError {
    return new CardError(code, TEXT[code], detail, options)
  }
}

/** A transmit (or connect) that got no answer within its deadline. */
export class TimeoutError extends CardError {
  override name = 'TimeoutError'
  constructor(
    readonly timeoutMs: number,
    detail = `no answer after ${timeoutMs} ms`,
  ) {
    super('TIMEOUT', TEXT.TIMEOUT, detail)
  }
}

/** The card left the field (or was pulled out) before or during a command. */
export class CardRemovedError extends CardError {
  override name = 'CardRemovedError'
  constructor(detail?: string, options?: { cause?: unknown }) {
    super('CARD_REMOVED', TEXT.CARD_REMOVED, detail, options)
  }
}
