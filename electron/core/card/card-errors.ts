import { bilingualMessage } from '../../../lib/messages'
import { CardReaderError, type CardReaderErrorCode } from '../../../drivers/smartcard'
import { KioskError, type ErrorCode } from '../../contract'

const REPLY_CODES: Record<CardReaderErrorCode, ErrorCode> = {
  'access-denied': 'E_ACCESS_DENIED',
  'no-reader': 'E_NO_READER',
  'no-card': 'E_NO_CARD',
  'card-removed': 'E_CARD_REMOVED',
  timeout: 'E_CARD_TIMEOUT',
  'pcsc-unavailable': 'E_DEVICE',
  'reader-busy': 'E_READER_BUSY',
  'read-failed': 'E_CARD_READ_FAILED',
}

/** The reply code of a card failure; anything else is left for the dispatcher (E_INTERNAL). */
export function cardFailureToKioskError(error: unknown): unknown {
  if (!(error instanceof CardReaderError)) return error
  return new KioskError(REPLY_CODES[error.code], error.message, {
    key: error.messageKey,
    params: error.params,
  })
}

const notSimulatedKey = 'messages.card.notSimulated'

export const NOT_SIMULATED = new KioskError('E_NOT_SIMULATED', bilingualMessage(notSimulatedKey), {
  key: notSimulatedKey,
})
