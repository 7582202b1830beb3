import { describe, expect, it } from 'vitest'
import { safeParse } from '../../../lib/schema'
import { EligibilityInputSchema, EligibilitySchema } from './schemas'
import { parseCalendarDate, parseDateOfBirth, type CalendarDate } from './date-of-birth'
import {
  eligibility,
  identityDocuments,
  level2Refused,
  type AccountDecision,
  type EligibilityReasonCode,
  type IdentityDocument,
  type Nationality,
} from './eligibility'

function day(text: string): CalendarDate {
  const date = parseCalendarDate(text)
  if (!date) throw new Error(`not a date: ${text}`)
  return date
}

function dobOf(text: string) {
  const dob = parseDateOfBirth(text)
  if (!dob) throw new Error(`not a date of birth: ${text}`)
  return dob
}

const TODAY = day('2026-12-03')
const AGES = [0, 5, 6, 13, 14, 17, 80] as const
type Age = (typeof AGES)[number]

/** Born on 15 June, so full years on 3 December are exactly `age`. */
function bornAged(age: number) {
  return dobOf(`${TODAY.year - age}-06-15`)
}

type Row = readonly [AccountDecision, AccountDecision, boolean, EligibilityReasonCode]
const REFUSED = (code: EligibilityReasonCode): Row => ['refused', 'refused', false, code]
const same = (row: Row): Record<Age, Row> =>
  Object.fromEntries(AGES.map((age) => [age, row])) as Record<Age, Row>
const byBand = (under6: Row, from6: Row, from14: Row): Record<Age, Row> => ({
  0: under6,
  5: under6,
  6: from6,
  13: from6,
  14: from14,
  17: from14,
  80: from14,
})

/** Decree 69/2024/ND-CP Art. 7 as the seed states it, per nationality × document × age band. */
const TABLE: Record<Nationality, Record<IdentityDocument, Record<Age, Row>>> = {
  vn: {
    cccd: byBand(REFUSED('cccd-under-14'), REFUSED('cccd-under-14'), [
      'granted',
      'granted',
      false,
      'citizen-14-plus',
    ]),
    'id-card': byBand(
      ['on-request', 'refused', true, 'citizen-under-6'],
      ['on-request', 'on-request', true, 'citizen-6-to-14'],
      ['granted', 'granted', false, 'citizen-14-plus'],
    ),
    'temporary-residence': same(REFUSED('citizen-with-residence-card')),
    'permanent-residence': same(REFUSED('citizen-with-residence-card')),
    none: same(REFUSED('citizen-needs-identity-card')),
  },
  foreign: {
    cccd: same(REFUSED('foreigner-with-citizen-card')),
    'id-card': same(REFUSED('foreigner-with-citizen-card')),
    'temporary-residence': byBand(
      ['on-request', 'refused', true, 'foreigner-under-6'],
      ['on-request', 'on-request', true, 'foreigner-6-plus'],
      ['on-request', 'on-request', false, 'foreigner-6-plus'],
    ),
    'permanent-residence': byBand(
      ['on-request', 'refused', true, 'foreigner-under-6'],
      ['on-request', 'on-request', true, 'foreigner-6-plus'],
      ['on-request', 'on-request', false, 'foreigner-6-plus'],
    ),
    none: same(REFUSED('foreigner-needs-residence-card')),
  },
}

const CASES = (['vn', 'foreign'] as const).flatMap((nationality) =>
  identityDocuments.flatMap((document) =>
    AGES.map((age) => [nationality, document, age, TABLE[nationality][document][age]] as const),
  ),
)

describe('eligibility: every age band × nationality × document', () => {
  it('covers the whole table', () => {
    expect(CASES).toHaveLength(2 * 5 * 7)
  })

  it.each(CASES)('%s with %s, aged %i', (nationality, document, age, row) => {
    const [level1, level2, guardianRequired, code] = row
    const result = eligibility({ dob: bornAged(age), nationality, document, today: TODAY })
    expect(result).toEqual({
      level1,
      level2,
      guardianRequired,
      age,
      ageApproximate: false,
      reason: { code, params: { age } },
    })
    expect(level2Refused(result)).toBe(level2 === 'refused')
  })
})

describe('eligibility: the date edges', () => {
  const citizen = (born: string, on: string) =>
    eligibility({ dob: dobOf(born), nationality: 'vn', document: 'id-card', today: day(on) })

  it.each([
    ['2020-12-04', '2026-12-03', 'citizen-under-6', 'the day before the 6th birthday'],
    ['2020-12-03', '2026-12-03', 'citizen-6-to-14', 'the 6th birthday'],
    ['2012-12-04', '2026-12-03', 'citizen-6-to-14', 'the day before the 14th birthday'],
    ['2012-12-03', '2026-12-03', 'citizen-14-plus', 'the 14th birthday'],
    ['2020-02-29', '2026-02-28', 'citizen-under-6', 'born 29 Feb: 28 Feb of a common year'],
    ['2020-02-29', '2026-03-01', 'citizen-6-to-14', 'born 29 Feb: 1 Mar of a common year'],
    ['2012-02-29', '2026-02-28', 'citizen-6-to-14', 'born 29 Feb: not 14 on 28 Feb'],
    ['2012-02-29', '2026-03-01', 'citizen-14-plus', 'born 29 Feb: 14 on 1 Mar'],
  ])('born %s, on %s: %s (%s)', (born, on, code) => {
    expect(citizen(born, on).reason.code).toBe(code)
  })

  it('takes the youngest reading of an unknown month or day and says the age is approximate', () => {
    const unknownMonth = citizen('2012-00-00', '2026-12-03')
    expect(unknownMonth).toMatchObject({ level2: 'on-request', age: 13, ageApproximate: true })
    expect(citizen('2012-00-00', '2026-12-31')).toMatchObject({ level2: 'granted', age: 14 })
    expect(citizen('2020-06-00', '2026-06-29')).toMatchObject({
      level2: 'refused',
      age: 5,
      ageApproximate: true,
    })
  })

  it('refuses a date of birth after today with its own reason', () => {
    expect(citizen('2026-12-04', '2026-12-03')).toEqual({
      level1: 'refused',
      level2: 'refused',
      guardianRequired: false,
      age: null,
      ageApproximate: false,
      reason: { code: 'born-after-today', params: {} },
    })
  })
})

describe('eligibility: organisations', () => {
  it('are not enrolled at this desk, whatever the other fields say', () => {
    for (const document of identityDocuments) {
      expect(
        eligibility({
          dob: bornAged(40),
          nationality: 'vn',
          document,
          applicant: 'organisation',
          today: TODAY,
        }),
      ).toEqual({
        level1: 'refused',
        level2: 'refused',
        guardianRequired: false,
        age: null,
        ageApproximate: false,
        reason: { code: 'organisation', params: {} },
      })
    }
  })

  it('a person is the default applicant', () => {
    const input = { dob: bornAged(40), nationality: 'vn', document: 'cccd', today: TODAY } as const
    expect(eligibility({ ...input, applicant: 'person' })).toEqual(eligibility(input))
  })
})

describe('the eligibility schemas', () => {
  it('accept what the rule takes and returns, and refuse a made-up decision', () => {
    const input = { dob: dobOf('2012-00-00'), nationality: 'vn', document: 'id-card', today: TODAY }
    expect(safeParse(EligibilityInputSchema, input).success).toBe(true)
    const result = eligibility({ ...input, nationality: 'vn', document: 'id-card' })
    expect(safeParse(EligibilitySchema, result).success).toBe(true)
    expect(safeParse(EligibilitySchema, { ...result, level2: 'maybe' }).success).toBe(false)
  })
})
