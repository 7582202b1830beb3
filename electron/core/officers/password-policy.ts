import type { PasswordRefusal, ReplyMessage } from '../../contract'
import common from '../../../resources/passwords/common-passwords.json'

export const PASSWORD_MIN_LENGTH = 8
export const PASSWORD_MAX_LENGTH = 64

const commonPasswords: ReadonlySet<string> = new Set(common.passwords)

/** Characters as a person counts them: code points after NFC (a Vietnamese "ệ" is one). */
function lengthOf(password: string): number {
  return [...password.normalize('NFC')].length
}

/** ddmmyyyy or yyyymmdd: a birthday is the first thing anyone tries. */
function isDate(password: string): boolean {
  if (!/^\d{8}$/.test(password)) return false
  const asDdMmYyyy = [password.slice(0, 2), password.slice(2, 4), password.slice(4)]
  const asYyyyMmDd = [password.slice(6), password.slice(4, 6), password.slice(0, 4)]
  return [asDdMmYyyy, asYyyyMmDd].some(([d, m, y]) => {
    const [day, month, year] = [Number(d), Number(m), Number(y)]
    return day >= 1 && day <= 31 && month >= 1 && month <= 12 && year >= 1900 && year <= 2100
  })
}

/** One character repeated, or the same short block repeated ("abcabcabc"). */
function isRepetition(password: string): boolean {
  return /^(.{1,3})\1+$/u.test(password)
}

/**
 * NIST SP 800-63B: 8 to 64 characters, not on the list of common passwords (shipped with the app),
 * not the username; no composition rules and no forced periodic change. Null when accepted.
 */
export function passwordRefusal(password: string, username?: string): PasswordRefusal | null {
  const length = lengthOf(password)
  if (length < PASSWORD_MIN_LENGTH) return 'too-short'
  if (length > PASSWORD_MAX_LENGTH) return 'too-long'
  const folded = password.normalize('NFC').toLowerCase()
  if (commonPasswords.has(folded) || isDate(folded) || isRepetition(folded)) return 'common'
  if (username !== undefined && username.length >= 3 && folded.includes(username.toLowerCase()))
    return 'contains-username'
  return null
}

/** The catalogue sentence for a refusal, with its figures. */
export function refusalSentence(refusal: PasswordRefusal): ReplyMessage {
  return {
    key: `messages.officers.password.${refusal}`,
    params: { min: PASSWORD_MIN_LENGTH, max: PASSWORD_MAX_LENGTH },
  }
}
