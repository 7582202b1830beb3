import { CatalogueError, messageRef, type CatalogueMessage } from '../../../lib/messages'

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

export class CardError extends CatalogueError {
  override name = 'CardError'

  constructor(
    readonly code: CardErrorCode,
    text: CatalogueMessage,
    detail?: string,
    options?: { cause?: unknown },
  ) {
    super(text, detail ?? null, options)
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
