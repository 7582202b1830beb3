import {
  compareDates,
  daysInMonth,
  isLeapYear,
  type CalendarDate,
  type DateOfBirth,
} from './date-of-birth'

/** Vietnam keeps UTC+7 all year (no daylight saving time), the zone Asia/Ho_Chi_Minh. */
const HO_CHI_MINH_OFFSET_MS = 7 * 60 * 60 * 1000

/**
 * The calendar date in Asia/Ho_Chi_Minh at `instant`. Age thresholds are judged on the Vietnamese
 * date (vn-rules §2.5): at 18:30 UTC it is already the next day at the desk.
 */
export function hoChiMinhDate(instant: Date): CalendarDate {
  const local = new Date(instant.getTime() + HO_CHI_MINH_OFFSET_MS)
  return { year: local.getUTCFullYear(), month: local.getUTCMonth() + 1, day: local.getUTCDate() }
}

/** A person's age in full years on a day, and whether a guess about the birth date went into it. */
export interface Age {
  /** Full years; negative when the date of birth is after `today`. */
  readonly years: number
  /** True when the month or day of birth is unknown and the youngest reading was taken. */
  readonly approximate: boolean
}

/**
 * The birthday of someone born on `month`/`day` in `year`. A 29 February birthday falls on
 * 1 March in a common year: no source settles this (vn-rules §2.5 [?]); "từ đủ N tuổi" means N full
 * years have passed, and they have only once 28 February is over, so 1 March never grants a right a
 * day early (28 February would).
 */
function birthdayIn(year: number, month: number, day: number): CalendarDate {
  if (month === 2 && day === 29 && !isLeapYear(year)) return { year, month: 3, day: 1 }
  return { year, month, day }
}

/**
 * The latest birth date the document allows: an unknown month is December, an unknown day the
 * last of its month. Taking it never makes someone older than they may be, so a right is never
 * granted on a guess. A person whose document names the current year is at least born by today.
 */
function youngestReading(dob: DateOfBirth, today: CalendarDate): CalendarDate {
  const month = dob.month ?? 12
  const latest = { year: dob.year, month, day: dob.day ?? daysInMonth(dob.year, month) }
  const approximate = dob.month === null || dob.day === null
  return approximate && compareDates(latest, today) > 0 && compareDates(earliest(dob), today) <= 0
    ? today
    : latest
}

function earliest(dob: DateOfBirth): CalendarDate {
  return { year: dob.year, month: dob.month ?? 1, day: dob.day ?? 1 }
}

/**
 * Age in full years on `today` (Civil Code 2015 Art. 20–21 as read in vn-rules §2.5): the birthday
 * itself counts ("từ đủ 14 tuổi" starts on the 14th birthday). Unknown parts of the birth date take
 * the youngest reading, and the age says it is approximate.
 */
export function ageOn(dob: DateOfBirth, today: CalendarDate): Age {
  const approximate = dob.month === null || dob.day === null
  const birth = youngestReading(dob, today)
  if (compareDates(birth, today) > 0) return { years: -1, approximate }
  const birthday = birthdayIn(today.year, birth.month, birth.day)
  const hadBirthday = compareDates(today, birthday) >= 0
  return { years: today.year - birth.year - (hadBirthday ? 0 : 1), approximate }
}
