import { CatalogueError, messageRef, type MessageParams } from '../../lib/messages'

/** Why a talk with the SMSC failed; each has `messages.sms.<code>` in the catalogue. */
export const SMSC_ERROR_CODES = [
  'smsc_unreachable',
  'smsc_bind_refused',
  'smsc_timeout',
  'smsc_closed',
] as const
export type SmscErrorCode = (typeof SMSC_ERROR_CODES)[number]

/** A failure the sender records against a message and the outbox shows (never a phone number). */
export class SmscError extends CatalogueError {
  constructor(
    readonly code: SmscErrorCode,
    params: MessageParams,
    detail: string | null = null,
    options?: { cause?: unknown },
  ) {
    super(messageRef(`messages.sms.${code}`, params), detail, options)
    this.name = 'SmscError'
  }
}
