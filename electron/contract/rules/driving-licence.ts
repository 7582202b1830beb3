import {
  compareDates,
  formatCalendarDate,
  parseCalendarDate,
  type CalendarDate,
} from './date-of-birth'
import { accept, refuse, type RuleResult } from './reason'

export const licenceReasonCodes = [
  'empty',
  'bad-number',
  'unknown-class',
  'bad-date',
  'expired',
] as const
export type LicenceReasonCode = (typeof licenceReasonCodes)[number]

/** Classes of Law 36/2024/QH15 on road traffic order and safety, Art. 57 (from 2025-01-01). */
export const LICENCE_CLASSES_2024 = [
  'A1',
  'A',
  'B1',
  'B',
  'C1',
  'C',
  'D1',
  'D2',
  'D',
  'BE',
  'C1E',
  'CE',
  'D1E',
  'D2E',
  'DE',
] as const

/** Classes of Law 23/2008/QH12 and Circular 12/2017/TT-BGTVT, still valid until exchanged. */
export const LICENCE_CLASSES_2008 = [
  'A1',
  'A2',
  'A3',
  'A4',
  'B1',
  'B2',
  'C',
  'D',
  'E',
  'FB2',
  'FC',
  'FD',
  'FE',
] as const

export type LicenceClassCode =
  (typeof LICENCE_CLASSES_2024)[number] | (typeof LICENCE_CLASSES_2008)[number]

/** The day Law 36/2024's classes replaced the 2008 ones. */
const LAW_36_2024_IN_FORCE: CalendarDate = { year: 2025, month: 1, day: 1 }

export interface LicenceClass {
  readonly code: LicenceClassCode
  readonly law: '36/2024/QH15' | '23/2008/QH12'
  /** True for a class of the 2008 law: valid, but mapped to a new class on exchange. */
  readonly oldClass: boolean
}

/**
 * A driving-licence (GPLX) number: 12 digits. No public source gives its structure (vn-rules
 * §5.1 [?]); the issue states 12 digits, so that is the whole check. Spaces, dots and dashes drop.
 */
export function parseLicenceNumber(text: string): RuleResult<string, LicenceReasonCode> {
  const compact = text.normalize('NFKC').replace(/[\s.-]/g, '')
  if (compact === '') return refuse('empty')
  if (!/^\d{12}$/.test(compact)) return refuse('bad-number', { length: compact.length })
  return accept(compact)
}

/**
 * A licence class, of Law 36/2024/QH15 (A1 A B1 B C1 C D1 D2 D and the E combinations) or of
 * Law 23/2008/QH12 with Circular 12/2017/TT-BGTVT (A1–A4 B1 B2 C D E FB2 FC FD FE; vn-rules
 * §5.2–5.3). A1, B1, C and D exist in both with different scopes: they are read as the 2008
 * classes when `issuedOn` is before 2025-01-01, otherwise as the current ones.
 */
export function parseLicenceClass(
  text: string,
  issuedOn?: CalendarDate,
): RuleResult<LicenceClass, LicenceReasonCode> {
  const code = text.normalize('NFKC').toUpperCase().replace(/\s/g, '')
  if (code === '') return refuse('empty')
  const current = (LICENCE_CLASSES_2024 as readonly string[]).includes(code)
  const old = (LICENCE_CLASSES_2008 as readonly string[]).includes(code)
  if (!current && !old) return refuse('unknown-class', { class: code })
  const issuedBefore2025 =
    issuedOn !== undefined && compareDates(issuedOn, LAW_36_2024_IN_FORCE) < 0
  const oldClass = !current || (old && issuedBefore2025)
  return accept({
    code: code as LicenceClassCode,
    law: oldClass ? '23/2008/QH12' : '36/2024/QH15',
    oldClass,
  })
}

/** Words a licence prints for "no expiry" (A1–A3 of the 2008 law never expire). */
const NO_EXPIRY = new Set(['KHÔNG THỜI HẠN', 'KHONG THOI HAN', 'NONE'])

/** `YYYY-MM-DD` or `DD/MM/YYYY` as printed on the licence. */
function parseLicenceDate(text: string): CalendarDate | null {
  const printed = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(text)
  if (!printed) return parseCalendarDate(text)
  const [, day = '', month = '', year = ''] = printed
  return parseCalendarDate(`${year}-${month.padStart(2, '0')}-${day.padStart(2, '0')}`)
}

/**
 * The expiry date printed on the licence, still in force on `today` (valid through that day).
 * Law 36/2024 Art. 57's durations were not found (vn-rules §5.4 [?]), so the date is read from the
 * licence, never computed; `null` is a licence without expiry.
 */
export function parseLicenceExpiry(
  text: string,
  today: CalendarDate,
): RuleResult<CalendarDate | null, LicenceReasonCode> {
  const trimmed = text.normalize('NFC').trim()
  if (trimmed === '') return refuse('empty')
  if (NO_EXPIRY.has(trimmed.toUpperCase())) return accept(null)
  const expiresOn = parseLicenceDate(trimmed)
  if (!expiresOn) return refuse('bad-date')
  if (compareDates(expiresOn, today) < 0) {
    return refuse('expired', { date: formatCalendarDate(expiresOn) })
  }
  return accept(expiresOn)
}
