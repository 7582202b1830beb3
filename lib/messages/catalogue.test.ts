import { describe, expect, it } from 'vitest'
import {
  bilingualLine,
  bilingualMessage,
  catalogueMessageOf,
  CatalogueError,
  formatMessage,
  hasMessage,
  messageKeys,
  messageRef,
} from './index'

describe('lib/messages', () => {
  it('formats a key in each language and fills its placeholders', () => {
    expect(formatMessage('en', 'app.trainingUpstreamAt', { url: 'http://127.0.0.1:1' })).toBe(
      'on this computer, http://127.0.0.1:1: files reach no real intake server',
    )
    expect(formatMessage('vi', 'messages.sw.WRONG_LE', { length: 256 })).toBe(
      'Độ dài Le không đúng (đúng là 256)',
    )
    expect(
      formatMessage('en', 'messages.sw.AUTHENTICATION_FAILED_RETRIES', { retriesLeft: 0 }),
    ).toBe('Authentication failed, 0 tries left')
  })

  it('leaves a placeholder without a value visible instead of dropping it', () => {
    expect(formatMessage('en', 'messages.sw.WRONG_LE')).toBe('Wrong Le (expected {{length}})')
  })

  it('answers a missing key with the key itself, and says it is missing', () => {
    expect(formatMessage('vi', 'messages.nothing.here')).toBe('messages.nothing.here')
    expect(hasMessage('messages.nothing.here')).toBe(false)
    expect(hasMessage('messages.card')).toBe(false) // a namespace, not a sentence
    expect(hasMessage('messages.card.NO_CARD')).toBe(true)
  })

  it('joins the two languages in one line, with a detail when there is one', () => {
    expect(bilingualMessage('messages.card.NO_CARD')).toBe(
      'Chưa có thẻ trên đầu đọc / No card on the reader',
    )
    expect(bilingualLine(messageRef('messages.card.NO_CARD'), 'Reader 0')).toBe(
      'Chưa có thẻ trên đầu đọc / No card on the reader: Reader 0',
    )
    expect(bilingualLine(messageRef('messages.card.NO_CARD'), '')).toBe(
      'Chưa có thẻ trên đầu đọc / No card on the reader',
    )
  })

  it('gives catalogue errors their parameters in both texts', () => {
    const error = new CatalogueError(messageRef('messages.sw.WRONG_LE', { length: 16 }))
    expect(error.message).toBe('Độ dài Le không đúng (đúng là 16) / Wrong Le (expected 16)')
    expect(error.vi).toBe('Độ dài Le không đúng (đúng là 16)')
    expect(error.en).toBe('Wrong Le (expected 16)')
    expect(catalogueMessageOf(error)).toEqual({
      messageKey: 'messages.sw.WRONG_LE',
      params: { length: 16 },
    })
  })

  it('gives catalogue errors the bilingual line and keeps the detail apart', () => {
    const error = new CatalogueError(messageRef('messages.keys.keyUnreadable'), 'a.key: bad')
    expect(error.message).toBe('Không đọc được khoá / Cannot read key: a.key: bad')
    expect([error.vi, error.en, error.detail]).toEqual([
      'Không đọc được khoá',
      'Cannot read key',
      'a.key: bad',
    ])
  })

  it('finds the catalogue message of anything that carries one, and nothing in the rest', () => {
    expect(catalogueMessageOf(new Error('plain'))).toBeNull()
    expect(catalogueMessageOf('messages.card.NO_CARD')).toBeNull()
    expect(catalogueMessageOf({ messageKey: 'k', params: { a: 1, b: {}, c: 'x' } })).toEqual({
      messageKey: 'k',
      params: { a: 1, c: 'x' },
    })
  })

  it('lists the keys of each language, dotted', () => {
    expect(messageKeys('en')).toContain('messages.icao.accessDenied')
    expect(messageKeys('vi')).toContain('devices.reason.simulator-failed')
  })
})
