import { parseLanguage, reviewText, type Language, type ReviewKey } from './texts'
import type { MessageParams } from '../../../../lib/messages'

export const TABS = ['received', 'approved', 'rejected', 'outbox'] as const
export type Tab = (typeof TABS)[number]

export const isTab = (value: string | undefined): value is Tab =>
  (TABS as readonly (string | undefined)[]).includes(value)

/** Where the page keeps what outlives a reload: the language for good, the token for the tab. */
export const LANGUAGE_KEY = 'review.lang'
export const TOKEN_KEY = 'review.token'

export interface PageState {
  lang: Language
  /** The reviewer's bearer token; null until signed in. */
  token: string | null
  tab: Tab
  /** The file shown in the detail pane. */
  selected: string | null
  /** The object URL of the portrait shown, revoked when another replaces it. */
  portraitUrl: string | null
}

export function loadState(): PageState {
  return {
    lang: parseLanguage(localStorage.getItem(LANGUAGE_KEY)),
    token: sessionStorage.getItem(TOKEN_KEY),
    tab: 'received',
    selected: null,
    portraitUrl: null,
  }
}

/** The text of `key` in the page's current language. */
export function textOf(state: PageState) {
  return (key: ReviewKey, params?: MessageParams): string => reviewText(state.lang, key, params)
}
