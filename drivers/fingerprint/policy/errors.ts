import { CatalogueError, messageRef } from '../../../lib/messages'

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
export class TenPrintPolicyError extends CatalogueError {
  override readonly name = 'TenPrintPolicyError'

  constructor(
    readonly code: PolicyErrorCode,
    override readonly detail: string,
  ) {
    super(messageRef(`messages.fingerprint.policy.${code}`), detail)
  }
}
