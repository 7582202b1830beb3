import { catalogueMessageOf } from '../../lib/messages'
import type { ReplyMessage } from '../contract'

/** The catalogue sentence a typed driver or core error carries, as a reply error names it. */
export function sentenceOf(error: unknown): ReplyMessage | undefined {
  const message = catalogueMessageOf(error)
  return message ? { key: message.messageKey, params: message.params } : undefined
}
