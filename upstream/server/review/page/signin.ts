import type { ReviewerRole } from '../accounts/reviewer'
import type { ReviewApi } from './api'
import { byId } from './dom'
import { refusalText } from './refusals'
import { keepSession, textOf, type PageState } from './state'
import type { ReviewKey } from './texts'

export const ROLE_TEXTS = {
  reviewer: 'roles.reviewer',
  senior: 'roles.senior',
} as const satisfies Record<ReviewerRole, ReviewKey>

/**
 * Shows the sign-in form or the signed-in page: the reviewer's name and role and the sign-out
 * button in the header, or the form with `message` (why the reviewer must sign in) under it.
 */
export function showSignedIn(state: PageState, message: string): void {
  const t = textOf(state)
  const { session } = state
  byId('login', HTMLElement).hidden = Boolean(session)
  byId('main', HTMLElement).hidden = !session
  const who = byId('who', HTMLElement)
  who.hidden = !session
  who.textContent = session
    ? t('signedInAs', { name: session.reviewer.name, role: t(ROLE_TEXTS[session.reviewer.role]) })
    : ''
  byId('sign-out', HTMLButtonElement).hidden = !session
  const error = byId('login-error', HTMLElement)
  error.textContent = message
  error.hidden = !message
  if (!session) byId('password', HTMLInputElement).value = ''
}

/** The form's username and password, or null (and a message) when one is empty. */
export function typedCredentials(state: PageState): { username: string; password: string } | null {
  const username = byId('username', HTMLInputElement).value.trim()
  const password = byId('password', HTMLInputElement).value
  if (username && password) return { username, password }
  const error = byId('login-error', HTMLElement)
  error.textContent = textOf(state)('errors.credentialsNeeded')
  error.hidden = false
  return null
}

/** The training upstream prints /review/#token=…: take it once and drop it from the address. */
export function takeTrainingToken(): string | null {
  const fromHash = /(?:^#|&)token=([^&]+)/.exec(window.location.hash)
  if (!fromHash?.[1]) return null
  history.replaceState(null, '', window.location.pathname)
  return decodeURIComponent(fromHash[1])
}

/**
 * Signs in with the form's credentials, or the training token, and keeps the session. Answers
 * '' once signed in, the refusal's text when refused, null when the form lacks a field (which
 * typedCredentials already said).
 */
export async function signInWith(
  state: PageState,
  api: ReviewApi,
  trainingToken: string | null,
): Promise<string | null> {
  const typed = trainingToken ? null : typedCredentials(state)
  if (!trainingToken && !typed) return null
  try {
    const session = trainingToken
      ? await api.signInTraining(trainingToken)
      : await api.signIn(typed?.username ?? '', typed?.password ?? '')
    keepSession(state, session)
    return ''
  } catch (error) {
    const t = textOf(state)
    return trainingToken ? t('unauthorized') : refusalText(t, error)
  }
}
