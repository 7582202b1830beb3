import { formatMessage } from '../../../lib/messages'

/** The public address citizens activate their account at, as in the notice citizens receive. */
export const VNEID_URL = 'https://vneid.gov.vn'

/**
 * The approval notice sent by SMS when a level-2 file is approved, in the words of the published
 * procedure (see shared/seed), with the citizen's name in place of "A". The wording lives in the
 * message catalogue (`review.sms.approval`).
 */
export function approvalSms(citizenName: string): { vi: string; en: string } {
  const params = { name: citizenName, url: VNEID_URL }
  return {
    vi: formatMessage('vi', 'review.sms.approval', params),
    en: formatMessage('en', 'review.sms.approval', params),
  }
}
