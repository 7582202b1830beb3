import { ReviewApiError } from './api'
import type { textOf } from './state'

type Text = ReturnType<typeof textOf>

const pad = (n: number) => String(n).padStart(2, '0')

/** HH:MM in the reviewer's own time zone (the browser's). */
export function clockTime(iso: string): string {
  const at = new Date(iso)
  return `${pad(at.getHours())}:${pad(at.getMinutes())}`
}

const numberParam = (error: ReviewApiError, name: string): number | null => {
  const value = error.params[name]
  return typeof value === 'number' ? value : null
}

/**
 * What the page says for a refusal of the review API, in the page's language: the codes it can
 * word from the catalogue, with their params; anything else as the server's own bilingual line.
 */
export function refusalText(t: Text, error: unknown): string {
  if (!(error instanceof ReviewApiError))
    return error instanceof Error ? error.message : String(error)
  const triesLeft = numberParam(error, 'triesLeft')
  const lockedUntil = error.params.lockedUntil
  switch (error.code) {
    case 'sign_in_failed':
      return triesLeft === null
        ? t('errors.wrongCredentials')
        : t('errors.wrongPassword', { triesLeft })
    case 'reviewer_locked':
      return t('errors.locked', {
        time: typeof lockedUntil === 'string' ? clockTime(lockedUntil) : '—',
      })
    case 'reviewer_disabled':
      return t('errors.disabled')
    case 'session_expired':
      return t('errors.sessionExpired')
    case 'unauthorized':
      return t('errors.signInNeeded')
    case 'too_many_sign_ins':
      return t('errors.tooManySignIns', {
        minutes: Math.max(1, Math.ceil((numberParam(error, 'retryAfterSeconds') ?? 60) / 60)),
      })
    case 'senior_required':
      return t(
        error.params.because === 'exceptions'
          ? 'errors.seniorExceptions'
          : 'errors.seniorUntrusted',
      )
    case 'simulated_not_approvable':
      return t('errors.simulated')
    default:
      return error.message
  }
}
