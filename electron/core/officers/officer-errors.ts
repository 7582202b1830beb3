import { KioskError, type ErrorCode, type PasswordRefusal } from '../../contract'
import { refusalSentence } from './password-policy'

/** A refusal with its catalogue sentence (a `messages.officers.*` key). */
export function officerError(
  code: ErrorCode,
  key: string,
  params?: Record<string, string | number>,
): KioskError {
  return new KioskError(code, `${code}: ${key.slice(key.lastIndexOf('.') + 1)}`, {
    key,
    ...(params ? { params } : {}),
  })
}

export function passwordPolicyError(refusal: PasswordRefusal): KioskError {
  return new KioskError(
    'E_PASSWORD_POLICY',
    `password refused: ${refusal}`,
    refusalSentence(refusal),
  )
}

/** The one answer for an unknown username and a wrong password. */
export const signInFailed = () => officerError('E_SIGN_IN_FAILED', 'messages.officers.signInFailed')
