import { catalogueMessageOf } from '../../lib/messages'
import { KioskError, type ReplyMessage } from '../contract'
import type { SubmitRefusedError } from './queue/submit'

/** The catalogue sentence a typed driver or core error carries, as a reply error names it. */
export function sentenceOf(error: unknown): ReplyMessage | undefined {
  const message = catalogueMessageOf(error)
  return message ? { key: message.messageKey, params: message.params } : undefined
}

/** A refused submit as a reply: E_FROZEN with the sentence of its freeze rule. */
export function frozenError(error: SubmitRefusedError): KioskError {
  return new KioskError('E_FROZEN', error.message, { key: error.messageKey })
}
