import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { formatMessage, hasMessage, languages } from '../../../../lib/messages'
import { ChipVerdictSchema } from '../../intake/chip-verification'
import type { ReviewSummary } from '../review-summary'
import { ReviewStateSchema } from '../review-service'
import { TABS } from './state'
import { isReviewKey, parseLanguage, reviewText } from './texts'

const html = readFileSync(join(import.meta.dirname, 'index.html'), 'utf8')

describe('review page texts', () => {
  it('has a text in both languages for every data-i18n key of its markup', () => {
    const keys = [...html.matchAll(/data-i18n="([^"]+)"/g)].map((m) => m[1]!)
    expect(keys.length).toBeGreaterThan(10)
    for (const key of keys) {
      expect(isReviewKey(key), key).toBe(true)
      expect(hasMessage(`review.${key}`), key).toBe(true)
    }
    expect(isReviewKey('no.such.text')).toBe(false)
    // A namespace is not a text.
    expect(isReviewKey('tabs')).toBe(false)
  })

  it('names every tab, verdict, review state and source in both languages', () => {
    const sources: ReviewSummary['source'][] = ['upload', 'import']
    const keys = [
      ...TABS.map((tab) => `tabs.${tab}`),
      ...ChipVerdictSchema.options.map((verdict) => `verdicts.${verdict}`),
      ...ReviewStateSchema.options.map((state) => `states.${state}`),
      ...sources.map((source) => `sources.${source}`),
    ]
    for (const key of keys) expect(isReviewKey(key), key).toBe(true)
  })

  it('switches between Vietnamese and English, filling placeholders', () => {
    expect(reviewText('vi', 'title')).toBe('Duyệt hồ sơ định danh điện tử mức 2')
    expect(reviewText('en', 'title')).toBe('Level-2 electronic identification: file review')
    const counts = { received: 2, approved: 1, rejected: 0, duplicates: 3 }
    expect(reviewText('en', 'stats', counts)).toBe(
      'Received 2 · approved 1 · rejected 0 · duplicates 3',
    )
    expect(reviewText('vi', 'stats', counts)).toBe('Đã nhận 2 · duyệt 1 · từ chối 0 · trùng 3')
    // The language button offers the other language, in its own name.
    expect(reviewText('vi', 'otherLanguage')).toBe(formatMessage('en', 'language.en'))
    expect(reviewText('en', 'otherLanguage')).toBe(formatMessage('vi', 'language.vi'))
    for (const language of languages)
      expect(reviewText(language, 'httpError', { status: 502 })).toContain('502')
  })

  it('reads a stored language, Vietnamese unless English was chosen', () => {
    expect(parseLanguage('en')).toBe('en')
    expect(parseLanguage('vi')).toBe('vi')
    expect(parseLanguage(null)).toBe('vi')
    expect(parseLanguage('fr')).toBe('vi')
  })
})
