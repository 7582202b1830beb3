import {
  bilingualLine,
  formatMessage,
  messageRef,
  type CatalogueMessage,
  type MessageParams,
} from '../../../lib/messages'

export const policyErrorCodes = [
  'finger-not-requested',
  'attempts-exhausted',
  'finger-excused',
  'no-exception',
  'not-a-supervisor',
  'self-approval',
  'unknown-reason',
] as const
export type PolicyErrorCode = (typeof policyErrorCodes)[number]

/**
 * A ten-print rule was broken; the code is for the screens, the sentence is
 * `messages.fingerprint.policy.<code>` and the message its bilingual line.
 */
export class TenPrintPolicyError extends Error implements CatalogueMessage {
  override readonly name = 'TenPrintPolicyError'
  readonly messageKey: string
  readonly params: MessageParams = {}

  constructor(
    readonly code: PolicyErrorCode,
    readonly detail: string,
  ) {
    const text = messageRef(`messages.fingerprint.policy.${code}`)
    super(bilingualLine(text, detail))
    this.messageKey = text.messageKey
  }

  get vi(): string {
    return formatMessage('vi', this.messageKey, this.params)
  }

  get en(): string {
    return formatMessage('en', this.messageKey, this.params)
  }
}
