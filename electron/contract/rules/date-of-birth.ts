/**
 * Calendar dates and dates of birth as the chip gives them. ICAO 9303 MRZs and the CCCD's DG13 may
 * leave the day, or the month and the day, unknown (`1990-00-00`, `1990<<<<`); such a date keeps
 * its unknown parts as `null` instead of guessing them.
 */

/** A day of the Gregorian calendar, with no time and no time zone. */
export interface CalendarDate {
  readonly year: number
  /** 1–12. */
  readonly month: number
  /** 1–31, valid for the month and year. */
  readonly day: number
}

/** A date of birth whose month, or month and day, may be unknown. */
export interface DateOfBirth {
  readonly year: number
  /** 1–12, or null when the document leaves it unknown. */
  readonly month: number | null
  /** 1–31, or null when unknown (always null when the month is). */
  readonly day: number | null
}

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0
}

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28
  return [4, 6, 9, 11].includes(month) ? 30 : 31
}

/** Negative, zero or positive as `a` is before, the same day as, or after `b`. */
export function compareDates(a: CalendarDate, b: CalendarDate): number {
  return a.year - b.year || a.month - b.month || a.day - b.day
}

function pad(value: number, width: number): string {
  return String(value).padStart(width, '0')
}

/** `YYYY-MM-DD`. */
export function formatCalendarDate(date: CalendarDate): string {
  return `${pad(date.year, 4)}-${pad(date.month, 2)}-${pad(date.day, 2)}`
}

/** `YYYY-MM-DD`, with `00` for an unknown month or day (the form the MRZ and DG13 use). */
export function formatDateOfBirth(dob: DateOfBirth): string {
  return `${pad(dob.year, 4)}-${pad(dob.month ?? 0, 2)}-${pad(dob.day ?? 0, 2)}`
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/

/** A strict `YYYY-MM-DD` that names a real day (1900–2199), or null. */
export function parseCalendarDate(text: string): CalendarDate | null {
  const match = ISO_DATE.exec(text.trim())
  if (!match) return null
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])]
  if (year < 1900 || year > 2199 || month < 1 || month > 12) return null
  if (day < 1 || day > daysInMonth(year, month)) return null
  return { year, month, day }
}

/** Unknown parts as documents write them: `00`, `XX` or `<<`. */
const DOB_TEXT = /^(\d{4})-?(\d{2}|XX|<<)-?(\d{2}|XX|<<)$/

function unknownPart(part: string): boolean {
  return part === '00' || part === 'XX' || part === '<<'
}

/**
 * A date of birth from `YYYY-MM-DD` or `YYYYMMDD`, where the month and/or the day may be `00`,
 * `XX` or `<<` (unknown). A known day with an unknown month is refused: no document writes that.
 * Returns null for anything else, including a day that does not exist (2023-02-29).
 */
export function parseDateOfBirth(text: string): DateOfBirth | null {
  const match = DOB_TEXT.exec(text.trim().toUpperCase())
  if (!match) return null
  const year = Number(match[1])
  if (year < 1900 || year > 2199) return null
  const [, , monthText = '', dayText = ''] = match
  if (unknownPart(monthText)) return unknownPart(dayText) ? { year, month: null, day: null } : null
  const month = Number(monthText)
  if (month < 1 || month > 12) return null
  if (unknownPart(dayText)) return { year, month, day: null }
  const day = Number(dayText)
  if (day < 1 || day > daysInMonth(year, month)) return null
  return { year, month, day }
}

/** A fully known date of birth from a calendar date. */
export function dateOfBirthFrom(date: CalendarDate): DateOfBirth {
  return { year: date.year, month: date.month, day: date.day }
}
