import { parseLanguage, reviewText, type Language, type ReviewKey } from './texts'
import type { MessageParams } from '../../../../lib/messages'
import type { ReviewSession } from '../accounts/reviewer'
import type { ReviewDetail } from '../review-summary'

export const TABS = ['received', 'approved', 'rejected', 'outbox'] as const
export type Tab = (typeof TABS)[number]

export const isTab = (value: string | undefined): value is Tab =>
  (TABS as readonly (string | undefined)[]).includes(value)

/** Where the page keeps what outlives a reload: the language for good, the session for the tab. */
export const LANGUAGE_KEY = 'review.lang'
export const SESSION_KEY = 'review.session'

export interface PageState {
  lang: Language
  /** The signed-in reviewer's session (bearer token, who, until when); null until signed in. */
  session: ReviewSession | null
  tab: Tab
  /** The file shown in the detail pane, and its detail once loaded. */
  selected: string | null
  detail: ReviewDetail | null
  /** The object URL of the portrait shown, revoked when another replaces it. */
  portraitUrl: string | null
}

/** The session kept for this tab, if it has the shape the page wrote. */
function storedSession(): ReviewSession | null {
  try {
    const value: unknown = JSON.parse(sessionStorage.getItem(SESSION_KEY) ?? 'null')
    const ok =
      typeof value === 'object' && value !== null && 'token' in value && 'reviewer' in value
    return ok ? (value as ReviewSession) : null
  } catch {
    return null
  }
}

export function keepSession(state: PageState, session: ReviewSession | null): void {
  state.session = session
  if (session) sessionStorage.setItem(SESSION_KEY, JSON.stringify(session))
  else sessionStorage.removeItem(SESSION_KEY)
}

export function loadState(): PageState {
  return {
    lang: parseLanguage(localStorage.getItem(LANGUAGE_KEY)),
    session: storedSession(),
    tab: 'received',
    selected: null,
    detail: null,
    portraitUrl: null,
  }
}

/** The text of `key` in the page's current language. */
export function textOf(state: PageState) {
  return (key: ReviewKey, params?: MessageParams): string => reviewText(state.lang, key, params)
}
