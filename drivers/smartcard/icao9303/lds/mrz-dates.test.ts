import { describe, expect, it } from 'vitest'
import { mrzDateToIso } from './mrz-dates'

const today = new Date('2026-03-01T00:00:00Z')

describe('MRZ dates', () => {
  it('puts a date of birth in the latest century not after today', () => {
    expect(mrzDateToIso('990315', 'birth', today)).toBe('1999-03-15')
    expect(mrzDateToIso('051102', 'birth', today)).toBe('2005-11-02')
    expect(mrzDateToIso('260301', 'birth', today)).toBe('2026-03-01')
    expect(mrzDateToIso('260302', 'birth', today)).toBe('1926-03-02')
  })

  it('puts an expiry date within fifty years of today', () => {
    expect(mrzDateToIso('390315', 'expiry', today)).toBe('2039-03-15')
    expect(mrzDateToIso('120415', 'expiry', today)).toBe('2012-04-15')
    expect(mrzDateToIso('970101', 'expiry', today)).toBe('1997-01-01')
  })

  it('returns null for unknown or impossible dates', () => {
    for (const text of ['99<<<<', '990431', '991301', '000000', '9903']) {
      expect(mrzDateToIso(text, 'birth', today)).toBeNull()
    }
  })
})
