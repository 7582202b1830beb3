import { describe, expect, it } from 'vitest'
import { ageOn, hoChiMinhDate } from './age'
import {
  formatDateOfBirth,
  parseCalendarDate,
  parseDateOfBirth,
  type CalendarDate,
  type DateOfBirth,
} from './date-of-birth'

function day(text: string): CalendarDate {
  const date = parseCalendarDate(text)
  if (!date) throw new Error(`not a date: ${text}`)
  return date
}

function dob(text: string): DateOfBirth {
  const parsed = parseDateOfBirth(text)
  if (!parsed) throw new Error(`not a date of birth: ${text}`)
  return parsed
}

describe('hoChiMinhDate', () => {
  it.each([
    ['2026-12-03T16:59:59.999Z', '2026-12-03'],
    ['2026-12-03T17:00:00.000Z', '2026-12-04'],
    ['2024-12-31T17:00:00.000Z', '2025-01-01'],
    ['2024-02-28T17:30:00.000Z', '2024-02-29'],
    ['2026-06-30T23:00:00.000Z', '2026-07-01'],
  ])('%s is %s at the desk (UTC+7, no daylight saving)', (instant, expected) => {
    expect(hoChiMinhDate(new Date(instant))).toEqual(day(expected))
  })
})

describe('parseDateOfBirth', () => {
  it.each([
    ['1990-05-17', { year: 1990, month: 5, day: 17 }],
    ['19900517', { year: 1990, month: 5, day: 17 }],
    ['1990-00-00', { year: 1990, month: null, day: null }],
    ['1990-<<-<<', { year: 1990, month: null, day: null }],
    ['1990XXXX', { year: 1990, month: null, day: null }],
    ['1990-05-00', { year: 1990, month: 5, day: null }],
    ['2024-02-29', { year: 2024, month: 2, day: 29 }],
  ])('reads %s', (text, expected) => {
    expect(parseDateOfBirth(text)).toEqual(expected)
  })

  it.each(['', '1990-13-01', '2023-02-29', '1990-00-17', '1990-04-31', '90-05-17', '1899-01-01'])(
    'refuses %j',
    (text) => {
      expect(parseDateOfBirth(text)).toBeNull()
    },
  )

  it('writes unknown parts as 00', () => {
    expect(formatDateOfBirth({ year: 1990, month: 5, day: null })).toBe('1990-05-00')
    expect(formatDateOfBirth({ year: 1990, month: null, day: null })).toBe('1990-00-00')
  })
})

describe('ageOn', () => {
  it.each([
    ['2012-12-03', '2026-12-03', 14, 'the 14th birthday counts'],
    ['2012-12-04', '2026-12-03', 13, 'the day before the 14th birthday'],
    ['2020-12-03', '2026-12-03', 6, 'the 6th birthday counts'],
    ['2020-12-04', '2026-12-03', 5, 'the day before the 6th birthday'],
    ['2026-12-03', '2026-12-03', 0, 'born today'],
    ['2012-02-29', '2026-02-28', 13, '29 February: not yet on 28 February of a common year'],
    ['2012-02-29', '2026-03-01', 14, '29 February: on 1 March of a common year'],
    ['2012-02-29', '2028-02-29', 16, '29 February: on the day in a leap year'],
    ['2012-02-29', '2028-02-28', 15, '29 February: not on 28 February of a leap year'],
    ['1946-01-01', '2026-12-03', 80, 'an old citizen'],
  ])('born %s, on %s: %i (%s)', (born, on, years) => {
    expect(ageOn(dob(born), day(on))).toEqual({ years, approximate: false })
  })

  it.each([
    ['2012-00-00', '2026-12-30', 13, 'an unknown month is read as December'],
    ['2012-00-00', '2026-12-31', 14, 'so the age is reached on 31 December'],
    ['2012-06-00', '2026-06-29', 13, 'an unknown day is read as the last of the month'],
    ['2012-06-00', '2026-06-30', 14, 'on that last day'],
    ['2020-02-00', '2026-02-28', 5, 'February of a leap year ends on the 29th'],
    ['2020-02-00', '2026-03-01', 6, 'reached on 1 March'],
    ['2026-00-00', '2026-03-01', 0, 'born this year, later months are not in the future'],
  ])('born %s, on %s: %i, approximate (%s)', (born, on, years) => {
    expect(ageOn(dob(born), day(on))).toEqual({ years, approximate: true })
  })

  it('is negative for a birth after today', () => {
    expect(ageOn(dob('2026-12-04'), day('2026-12-03')).years).toBeLessThan(0)
    expect(ageOn(dob('2027-00-00'), day('2026-12-03'))).toEqual({ years: -1, approximate: true })
  })
})
