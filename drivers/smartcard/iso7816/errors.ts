import {
  bilingualLine,
  formatMessage,
  messageRef,
  type CatalogueMessage,
  type MessageParams,
} from '../../../lib/messages'

/**
 * Typed failures of talking to a card. `code` is the stable discriminator the core maps to its own
 * replies; `messageKey`/`params` name the officer's sentence in the catalogue (`messages.card.*`).
 */
export const cardErrorCodes = [
  'STATUS_WORD',
  'TIMEOUT',
  'CARD_REMOVED',
  'PCSC_UNAVAILABLE',
  'VPCD_UNAVAILABLE',
  'READER_NOT_FOUND',
  'NO_CARD',
  'READER_BUSY',
  'LINK_CLOSED',
  'LINK_BROKEN',
  'TRANSPORT',
  'MALFORMED_RESPONSE',
  'FILE_TRUNCATED',
  'FILE_TOO_LARGE',
] as const

export type CardErrorCode = (typeof cardErrorCodes)[number]

/** The catalogue sentence of a card error code: `messages.card.<CODE>`. */
export function cardErrorMessage(code: Exclude<CardErrorCode, 'STATUS_WORD'>): CatalogueMessage {
  return messageRef(`messages.card.${code}`)
}

export class CardError extends Error implements CatalogueMessage {
  override name = 'CardError'
  readonly messageKey: string
  readonly params: MessageParams

  constructor(
    readonly code: CardErrorCode,
    text: CatalogueMessage,
    readonly detail?: string,
    options?: { cause?: unknown },
  ) {
    super(bilingualLine(text, detail), options)
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

  static of(
    code: Exclude<CardErrorCode, 'STATUS_WORD'>,
    detail?: string,
    options?: { cause?: unknown },
  ): CardError {
    return new CardError(code, cardErrorMessage(code), detail, options)
  }
}

/** A transmit (or connect) that got no answer within its deadline. */
export class TimeoutError extends CardError {
  override name = 'TimeoutError'
  constructor(
    readonly timeoutMs: number,
    detail = `no answer after ${timeoutMs} ms`,
  ) {
    super('TIMEOUT', cardErrorMessage('TIMEOUT'), detail)
  }
}

/** The card left the field (or was pulled out) before or during a command. */
export class CardRemovedError extends CardError {
  override name = 'CardRemovedError'
  constructor(detail?: string, options?: { cause?: unknown }) {
    super('CARD_REMOVED', cardErrorMessage('CARD_REMOVED'), detail, options)
  }
}
