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

/** Longest reason a rejection SMS carries; the reviewer's full text stays with the file. */
const SMS_REASON_MAX = 300

/**
 * The rejection notice: the reviewer's reason and what the citizen does next (make the
 * application again). The published procedure gives no wording for it; `review.sms.rejection`.
 */
export function rejectionSms(citizenName: string, reason: string): { vi: string; en: string } {
  const shown = reason.length > SMS_REASON_MAX ? `${reason.slice(0, SMS_REASON_MAX - 1)}…` : reason
  const params = { name: citizenName, reason: shown }
  return {
    vi: formatMessage('vi', 'review.sms.rejection', params),
    en: formatMessage('en', 'review.sms.rejection', params),
  }
}
