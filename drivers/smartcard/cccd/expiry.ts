import { isCalendarDate } from './dates'

/** The Identification Law 26/2023/QH15 took effect on this day and added the age-14 renewal. */
const LAW_2023_IN_FORCE = '2024-07-01'

/**
 * Expiry of a card issued on `dateOfIssue` to someone born on `dateOfBirth` (ISO dates): the card must
 * be renewed at ages 25, 40 and 60 (14 too for cards issued under the 2023 law); a card issued within
 * the two years before such an age lasts to the next one; issued at 58 or later it does not expire
 * (null). Law on Citizen Identification 2014, art. 21; Identification Law 2023, art. 21.
 */
export function cccdExpiryDate(dateOfBirth: string, dateOfIssue: string): string | null {
  if (!isCalendarDate(dateOfBirth) || !isCalendarDate(dateOfIssue)) {
    throw new RangeError('dates of birth and issue must be full ISO dates')
  }
  const milestones = dateOfIssue >= LAW_2023_IN_FORCE ? [14, 25, 40, 60] : [25, 40, 60]
  for (const age of milestones) {
    const renewal = birthday(dateOfBirth, age)
    if (dateOfIssue < birthday(dateOfBirth, age - 2)) return renewal
  }
  return null
}

/** The date someone born on `dateOfBirth` turns `age` (29 February → 28 February in common years). */
export function birthday(dateOfBirth: string, age: number): string {
  const year = Number(dateOfBirth.slice(0, 4)) + age
  const monthDay = dateOfBirth.slice(5)
  const candidate = `${String(year).padStart(4, '0')}-${monthDay}`
  return isCalendarDate(candidate) ? candidate : `${year}-02-28`
}
