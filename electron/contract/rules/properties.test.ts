import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  formatCalendarDate,
  formatDateOfBirth,
  parseCalendarDate,
  parseDateOfBirth,
  type CalendarDate,
} from './date-of-birth'
import { parseLicenceClass, parseLicenceExpiry, parseLicenceNumber } from './driving-licence'
import { parseEmail } from './email'
import { healthInsuranceDisplay, parseHealthInsurance } from './health-insurance'
import { parseMobile } from './phone'
import { parsePlate, parseRegistrationNumber } from './vehicle-plate'

const TODAY: CalendarDate = { year: 2026, month: 12, day: 3 }

/** Any text, and text made of the characters these fields are written with. */
const anyText = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.string({ unit: fc.constantFrom(...'0123456789+-. ()<X'.split('')), maxLength: 20 }),
  fc.string({ unit: fc.constantFrom(...'0123456789ABDHKNTEabc -.'.split('')), maxLength: 20 }),
)

const PARSERS: Record<string, (text: string) => unknown> = {
  parseDateOfBirth,
  parseCalendarDate,
  parseMobile: (text) => parseMobile(text),
  parseEmail,
  parseHealthInsurance,
  parseLicenceNumber,
  parseLicenceClass: (text) => parseLicenceClass(text),
  parseLicenceExpiry: (text) => parseLicenceExpiry(text, TODAY),
  parsePlate: (text) => parsePlate(text),
  parseRegistrationNumber,
}

describe('the parsers of outside input', () => {
  it.each(Object.entries(PARSERS))('%s never throws, whatever the text', (_name, parse) => {
    fc.assert(
      fc.property(anyText, (text) => {
        parse(text)
      }),
      { numRuns: 500 },
    )
  })

  it('a date of birth re-reads from its written form', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const dob = parseDateOfBirth(text)
        if (dob) expect(parseDateOfBirth(formatDateOfBirth(dob))).toEqual(dob)
      }),
    )
    fc.assert(
      fc.property(
        fc.date({ min: new Date('1900-01-01'), max: new Date('2199-12-31'), noInvalidDate: true }),
        (d) => {
          const text = d.toISOString().slice(0, 10)
          const date = parseCalendarDate(text)
          expect(date && formatCalendarDate(date)).toBe(text)
        },
      ),
    )
  })

  it('a valid mobile number re-reads to itself from its E.164 and national forms', () => {
    const mobile = fc
      .tuple(
        fc.constantFrom('0', '+84', '84', '0084', '+84 0'),
        fc.stringMatching(/^[35789]\d{8}$/),
      )
      .map(([prefix, digits]) => `${prefix}${digits}`)
    fc.assert(
      fc.property(fc.oneof(mobile, anyText), (text) => {
        const parsed = parseMobile(text)
        if (!parsed.valid) return
        expect(parseMobile(parsed.e164)).toEqual(parsed)
        expect(parseMobile(parsed.national)).toEqual(parsed)
      }),
    )
  })

  it('an accepted email, health-insurance, licence or plate value re-reads to itself', () => {
    const plate = fc
      .tuple(
        fc.constantFrom('29', '30', '51', '79', '99'),
        fc.constantFrom('A', 'LD', 'B1', 'HA', 'K'),
        fc.stringMatching(/^\d{4,5}$/),
      )
      .map((parts) => parts.join(''))
    const card = fc
      .tuple(fc.constantFrom('DN', 'TE', 'ZZ'), fc.stringMatching(/^[1-5]\d{12}$/))
      .map((parts) => parts.join(''))
    fc.assert(
      fc.property(fc.oneof(anyText, plate, card, fc.emailAddress()), (text) => {
        const email = parseEmail(text)
        if (email.ok && email.value !== null) expect(parseEmail(email.value)).toEqual(email)
        const insurance = parseHealthInsurance(text)
        if (insurance.ok) {
          expect(parseHealthInsurance(healthInsuranceDisplay(insurance.value))).toEqual(insurance)
        }
        const number = parseLicenceNumber(text)
        if (number.ok) expect(parseLicenceNumber(number.value)).toEqual(number)
        const licenceClass = parseLicenceClass(text)
        if (licenceClass.ok)
          expect(parseLicenceClass(licenceClass.value.code)).toEqual(licenceClass)
        for (const kind of ['car', 'motorcycle'] as const) {
          const parsed = parsePlate(text, kind)
          if (!parsed.ok) continue
          expect(parsePlate(parsed.value.display, kind)).toEqual(parsed)
          expect(parsePlate(parsed.value.compact, parsed.value.kind).ok).toBe(true)
        }
      }),
      { numRuns: 500 },
    )
  })
})
