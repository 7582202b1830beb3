import { messageRef, type CatalogueMessage } from '../../../lib/messages'
import { CardError, CardRemovedError, TimeoutError, cardErrorMessage } from '../iso7816/errors'

export const pcscUnavailableReasons = ['pcscd-down', 'binding-missing', 'pcsc-error'] as const
export type PcscUnavailableReason = (typeof pcscUnavailableReasons)[number]

/** The sentence of each reason: `messages.pcsc.*`, and the generic PC/SC one for `pcsc-error`. */
export function pcscUnavailableMessage(reason: PcscUnavailableReason): CatalogueMessage {
  return reason === 'pcsc-error'
    ? cardErrorMessage('PCSC_UNAVAILABLE')
    : messageRef(`messages.pcsc.${reason}`)
}

/** PC/SC cannot be used at all: no daemon, no binding, or the context could not be created. */
export class PcscUnavailableError extends CardError {
  override name = 'PcscUnavailableError'
  constructor(
    readonly reason: PcscUnavailableReason,
    detail?: string,
    options?: { cause?: unknown },
  ) {
    super('PCSC_UNAVAILABLE', pcscUnavailableMessage(reason), detail, options)
  }
}

/** pcsc-lite result codes (winscard.h) this package tells apart. */
export const SCARD = {
  E_CANCELLED: 0x80100002,
  E_INVALID_HANDLE: 0x80100003,
  E_UNKNOWN_READER: 0x80100009,
  E_TIMEOUT: 0x8010000a,
  E_SHARING_VIOLATION: 0x8010000b,
  E_NO_SMARTCARD: 0x8010000c,
  F_COMM_ERROR: 0x80100013,
  E_NOT_TRANSACTED: 0x80100016,
  E_READER_UNAVAILABLE: 0x80100017,
  E_NO_SERVICE: 0x8010001d,
  E_SERVICE_STOPPED: 0x8010001e,
  E_NO_READERS_AVAILABLE: 0x8010002e,
  E_COMM_DATA_LOST: 0x8010002f,
  W_UNSUPPORTED_CARD: 0x80100065,
  W_UNRESPONSIVE_CARD: 0x80100066,
  W_UNPOWERED_CARD: 0x80100067,
  W_RESET_CARD: 0x80100068,
  W_REMOVED_CARD: 0x80100069,
} as const

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}

/** The result code the binding puts at the end of its messages: "…Card was removed.(0x80100069)". */
export function pcscResultCode(error: unknown): number | undefined {
  const match = /\(0x([0-9a-fA-F]{8})\)\s*$/.exec(messageOf(error))
  return match?.[1] === undefined ? undefined : parseInt(match[1], 16)
}

/** Turns an error from the binding into the typed error of what happened. */
export function mapPcscError(error: unknown, operation: string): CardError {
  if (error instanceof CardError) return error
  const message = messageOf(error)
  const detail = `${operation}: ${message}`
  const options = { cause: error }
  switch (pcscResultCode(error)) {
    case SCARD.W_REMOVED_CARD:
    case SCARD.E_NO_SMARTCARD:
      return new CardRemovedError(detail, options)
    case SCARD.E_SHARING_VIOLATION:
      return CardError.of('READER_BUSY', detail, options)
    case SCARD.E_UNKNOWN_READER:
    case SCARD.E_READER_UNAVAILABLE:
    case SCARD.E_NO_READERS_AVAILABLE:
      return CardError.of('READER_NOT_FOUND', detail, options)
    case SCARD.E_NO_SERVICE:
    case SCARD.E_SERVICE_STOPPED:
      return new PcscUnavailableError('pcscd-down', detail, options)
    case SCARD.E_TIMEOUT:
      return new TimeoutError(0, detail)
    case SCARD.W_RESET_CARD:
      return CardError.of('LINK_BROKEN', `${detail} (the card was reset)`, options)
    case SCARD.E_INVALID_HANDLE:
      return CardError.of('LINK_CLOSED', detail, options)
    default:
      if (/not connected/i.test(message)) return CardError.of('LINK_CLOSED', detail, options)
      return CardError.of('TRANSPORT', detail, options)
  }
}
