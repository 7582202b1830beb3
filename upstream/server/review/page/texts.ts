import type en from '../../../../resources/locales/en.json'
import {
  formatMessage,
  hasMessage,
  type Language,
  type MessageParams,
} from '../../../../lib/messages'

export type { Language }

/** The dotted keys of the catalogue's `review` namespace that hold a text ("tabs.outbox"). */
type LeafKeys<T, Prefix extends string = ''> = {
  [K in keyof T & string]: T[K] extends string ? `${Prefix}${K}` : LeafKeys<T[K], `${Prefix}${K}.`>
}[keyof T & string]

export type ReviewKey = LeafKeys<(typeof en)['review']>

/** A text of the review page, from `review.*` of the message catalogue bundled into the page. */
export function reviewText(language: Language, key: ReviewKey, params?: MessageParams): string {
  return formatMessage(language, `review.${key}`, params)
}

/** For keys read from the page's markup (`data-i18n`), which the compiler cannot check. */
export function isReviewKey(key: string): key is ReviewKey {
  return hasMessage(`review.${key}`)
}

export const parseLanguage = (value: string | null): Language => (value === 'en' ? 'en' : 'vi')
