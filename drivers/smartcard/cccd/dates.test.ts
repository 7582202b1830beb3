import { describe, expect, it } from 'vitest'
import {
  cardDateToIso,
  isCalendarDate,
  isoToCardDate,
  isoToCompactDate,
  isoToMrzDate,
} from './dates'
import { cccdExpiryDate } from './expiry'

describe('card dates', () => {
  it('reads DD/MM/YYYY, the QR form DDMMYYYY and partial dates', () => {
    expect(cardDateToIso('15/03/1999')).toBe('1999-03-15')
    expect(cardDateToIso(' 15031999 ')).toBe('1999-03-15')
    expect(cardDateToIso('15-03-1999')).toBe('1999-03-15')
    expect(cardDateToIso('00/03/1950')).toBe('1950-03')
    expect(cardDateToIso('00/00/1950')).toBe('1950')
    expect(cardDateToIso('03/1950')).toBe('1950-03')
    expect(cardDateToIso('1950')).toBe('1950')
  })

  it('refuses impossible dates', () => {
    for (const text of [
      '31/04/2020',
      '29/02/2023',
      '15/13/1999',
      '15/00/1999',
      '',
      'Không thời hạn',
      '00/00/0000',
    ]) {
      expect(cardDateToIso(text)).toBeNull()
    }
    expect(cardDateToIso('29/02/2024')).toBe('2024-02-29')
    expect(isCalendarDate('2024-02-30')).toBe(false)
  })

  it('writes ISO dates back in card, QR and MRZ form', () => {
    expect(isoToCardDate('1999-03-15')).toBe('15/03/1999')
    expect(isoToCardDate('1950-03')).toBe('03/1950')
    expect(isoToCardDate('1950')).toBe('1950')
    expect(isoToCompactDate('1999-03-15')).toBe('15031999')
    expect(isoToCompactDate('1950')).toBe('00001950')
    expect(isoToMrzDate('1999-03-15')).toBe('990315')
    expect(() => isoToCardDate('1999-02-30')).toThrow(RangeError)
    expect(() => isoToCardDate('1950-00')).toThrow(RangeError)
    expect(() => isoToMrzDate('1950')).toThrow(RangeError)
  })
})

describe('CCCD expiry', () => {
  it('expires at the next renewal age: 25, 40, 60', () => {
    expect(cccdExpiryDate('1999-03-15', '2021-01-01')).toBe('2024-03-15') // 21 → 25
    expect(cccdExpiryDate('1997-06-01', '2021-01-01')).toBe('2037-06-01') // 23, within 2 years of 25 → 40
    expect(cccdExpiryDate('2000-06-01', '2021-01-01')).toBe('2025-06-01') // 20 → 25
    expect(cccdExpiryDate('1975-06-01', '2021-01-01')).toBe('2035-06-01') // 45 → 60
  })

  it('skips to the next age when issued within two years of one, and never expires from 58', () => {
    expect(cccdExpiryDate('1983-06-01', '2021-07-01')).toBe('2043-06-01') // 38 → 60
    expect(cccdExpiryDate('1983-06-01', '2021-05-31')).toBe('2023-06-01') // 37 → 40
    expect(cccdExpiryDate('1963-01-01', '2021-02-01')).toBeNull() // 58
  })

  it('adds the age-14 renewal for cards issued under the 2023 law', () => {
    expect(cccdExpiryDate('2014-01-01', '2024-07-01')).toBe('2028-01-01') // 10 → 14
    expect(cccdExpiryDate('2014-01-01', '2024-06-30')).toBe('2039-01-01') // old law: 25
    expect(cccdExpiryDate('2004-02-29', '2024-09-01')).toBe('2029-02-28') // turns 25 on a common year
  })
})
