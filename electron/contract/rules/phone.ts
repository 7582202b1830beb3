import { MOBILE_PREFIXES, RETIRED_MOBILE_PREFIXES, type MobileNetwork } from './phone-prefixes'
import type { ReasonParams } from './reason'

export const phoneReasonCodes = [
  'empty',
  'bad-characters',
  'foreign-number',
  'wrong-length',
  'landline',
  'service-number',
  'unallocated-prefix',
  'old-number',
] as const
export type PhoneReasonCode = (typeof phoneReasonCodes)[number]

export type MobileNumber =
  | {
      readonly valid: true
      /** `+84` and the nine digits after the trunk 0. */
      readonly e164: string
      /** `0` and nine digits, as people write it. */
      readonly national: string
      readonly network: MobileNetwork
    }
  | { readonly valid: false; readonly reason: PhoneReasonCode; readonly params: ReasonParams }

/** What people type between digits: spaces, dots, dashes, and brackets around the area. */
const SEPARATORS = /[\s.\-()]/g

function invalid(reason: PhoneReasonCode, params: ReasonParams = {}): MobileNumber {
  return { valid: false, reason, params }
}

/**
 * The digits after the country code or trunk 0 (`912345678` for `+84 91 234 5678`), or the reason
 * there are none. `+84`, `0084`, `84` (when 9 or 10 digits follow) and the trunk `0` are accepted;
 * digits with none of them are a number missing its 0, so of the wrong length.
 */
function significantDigits(compact: string): { digits: string } | { reason: PhoneReasonCode } {
  if (!/^\+?\d+$/.test(compact)) return { reason: 'bad-characters' }
  if (compact.startsWith('1800') || compact.startsWith('1900')) return { reason: 'service-number' }
  const afterCountryCode = /^(?:\+84|0084|84(?=\d{9,10}$))(\d*)$/.exec(compact)
  // "+84 0912…" is a common slip: the trunk 0 written after the country code.
  if (afterCountryCode) {
    return { digits: (afterCountryCode[1] ?? '').replace(/^0(?=\d{9,10}$)/, '') }
  }
  if (compact.startsWith('+') || compact.startsWith('00')) return { reason: 'foreign-number' }
  if (compact.startsWith('0')) return { digits: compact.slice(1) }
  return { reason: 'wrong-length' }
}

/**
 * A Vietnamese mobile number, normalised to E.164. Since 2018 a mobile number is 0 + 9 digits whose
 * 3-digit prefix is allocated to a mobile network (`prefixes`, default `MOBILE_PREFIXES`, source
 * there). Refused with a reason: empty; characters other than digits, a leading +, spaces, dots,
 * dashes; another country's code; not 10 digits; a landline (area codes start with 2 since the 2017
 * renumbering, vn-rules §3.3); a 1800/1900 service number; a prefix no network holds; a retired
 * 11-digit number (`params.suggestion` is the number it became).
 */
export function parseMobile(
  text: string,
  prefixes: Readonly<Record<string, MobileNetwork>> = MOBILE_PREFIXES,
): MobileNumber {
  const compact = text.normalize('NFKC').replace(SEPARATORS, '')
  if (compact === '') return invalid('empty')
  const found = significantDigits(compact)
  if ('reason' in found) {
    return invalid(found.reason, found.reason === 'wrong-length' ? { digits: compact.length } : {})
  }
  const national = `0${found.digits}`
  if (found.digits.startsWith('2')) return invalid('landline')
  if (/^1[89]00/.test(found.digits)) return invalid('service-number')
  const retired = RETIRED_MOBILE_PREFIXES[national.slice(0, 4)]
  if (national.length === 11 && retired !== undefined) {
    return invalid('old-number', { suggestion: `${retired}${national.slice(4)}` })
  }
  if (national.length !== 10) return invalid('wrong-length', { digits: national.length })
  const prefix = national.slice(0, 3)
  const network = prefixes[prefix]
  if (network === undefined) return invalid('unallocated-prefix', { prefix })
  return { valid: true, e164: `+84${found.digits}`, national, network }
}
