import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { formatMessage, hasMessage, languages } from '../../../../lib/messages'
import { SMS_STATUSES } from '../../db/sms-outbox'
import { ChipVerdictSchema } from '../../intake/chip-verification'
import type { ReviewSummary } from '../review-summary'
import { ReviewStateSchema } from '../review-service'
import * as desk from './desk'
import { FINGER_TEXTS } from './images'
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

  it('names every tab, verdict, review state, source and SMS status in both languages', () => {
    const sources: ReviewSummary['source'][] = ['upload', 'import']
    const keys = [
      ...TABS.map((tab) => `tabs.${tab}`),
      ...ChipVerdictSchema.options.map((verdict) => `verdicts.${verdict}`),
      ...ReviewStateSchema.options.map((state) => `states.${state}`),
      ...sources.map((source) => `sources.${source}`),
      ...SMS_STATUSES.map((status) => `smsStatus.${status}`),
    ]
    for (const key of keys) expect(isReviewKey(key), key).toBe(true)
  })

  it('has a distinct text in both languages for every value the desk records and fingers show', () => {
    const tables = [
      desk.SOURCE_TEXTS,
      desk.DOCUMENT_TEXTS,
      desk.SEX_TEXTS,
      desk.NATIONALITY_TEXTS,
      desk.MISMATCH_TEXTS,
      desk.RESIDENCE_TEXTS,
      desk.GRANT_TEXTS,
      desk.RELATIONSHIP_TEXTS,
      desk.LANGUAGE_TEXTS,
      FINGER_TEXTS,
    ]
    for (const table of tables) {
      for (const language of languages) {
        const texts = Object.values(table).map((key) => {
          expect(isReviewKey(key), key).toBe(true)
          return reviewText(language, key)
        })
        // Two values never read the same: the reviewer could not tell them apart.
        expect(new Set(texts).size, texts.join()).toBe(texts.length)
      }
    }
    expect(reviewText('vi', 'desk.ageApproximate', { age: 3 })).toBe('3 tuổi (ước tính)')
    expect(reviewText('en', 'fingers.notShown', { reason: 'x' })).toMatch(
      /^This finger cannot be shown \(x\)\. Check the other fingers/,
    )
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
