import {
  ageOn,
  CONSENT_VERSION,
  consentText,
  eligibility,
  formatCalendarDate,
  healthInsuranceDisplay,
  hoChiMinhDate,
  parseCalendarDate,
  parseDateOfBirth,
  parseEmail,
  parseHealthInsurance,
  parseLicenceClass,
  parseLicenceExpiry,
  parseLicenceNumber,
  parseMobile,
  parsePlate,
  parseRegistrationNumber,
  ruleMessageKey,
  type RuleArea,
  type Sentence,
} from '../../contract'
import { formatMessage } from '../../../lib/messages'
import type { Checked, EnrollmentRules } from './enrollment-rules'

const refusal = (area: RuleArea, code: string, params: Sentence['params'] = {}): Sentence => ({
  key: ruleMessageKey(area, code),
  params: { ...params },
})

function checked<T, V>(
  area: RuleArea,
  result: { ok: true; value: T } | { ok: false; reason: string; params: Sentence['params'] },
  map: (value: T) => V,
): Checked<V> {
  return result.ok
    ? { ok: true, value: map(result.value) }
    : { ok: false, reason: refusal(area, result.reason, result.params) }
}

function refused(
  area: RuleArea,
  result: { reason: string; params: Sentence['params'] },
): { ok: false; reason: Sentence } {
  return { ok: false, reason: refusal(area, result.reason, result.params) }
}

/** YYYY-MM-DD with 00 for unknown parts → the rules' date of birth (parseDateOfBirth's input). */
function dobOf(text: string) {
  const [year, month, day] = text.split('-')
  const unknown = (part: string | undefined) => !part || part === '00'
  return parseDateOfBirth(unknown(month) ? `${year}` : unknown(day) ? `${year}-${month}` : text)
}

function todayOf(text: string) {
  const today = parseCalendarDate(text)
  if (!today) throw new Error(`not a calendar date: ${text}`)
  return today
}

/** The pure rules of electron/contract/rules, as the enrollment state machine applies them. */
export const contractRules: EnrollmentRules = {
  today: (instant) => formatCalendarDate(hoChiMinhDate(instant)),
  eligibility(person, document, todayText) {
    const today = todayOf(todayText)
    const dob = dobOf(person.dateOfBirth)
    if (!dob) throw new Error(`not a date of birth: ${person.dateOfBirth}`)
    const rule = eligibility({ dob, nationality: person.nationality, document, today })
    const age = rule.age ?? ageOn(dob, today).years
    return {
      level1: rule.level1,
      level2: rule.level2,
      guardianRequired: rule.guardianRequired,
      age: Math.max(0, age),
      ageApproximate: rule.ageApproximate,
      reason: refusal('eligibility', rule.reason.code, rule.reason.params),
    }
  },
  phone(text) {
    const mobile = parseMobile(text)
    return mobile.valid
      ? { ok: true, value: { e164: mobile.e164, network: mobile.network } }
      : { ok: false, reason: refusal('phone', mobile.reason, mobile.params) }
  },
  email(text) {
    const result = parseEmail(text)
    if (result.ok && result.value === null)
      return { ok: false, reason: refusal('email', 'bad-format') }
    return checked('email', result, (value) => value ?? '')
  },
  healthInsurance: (text) =>
    checked('healthInsurance', parseHealthInsurance(text), healthInsuranceDisplay),
  drivingLicence(input, todayText) {
    const number = parseLicenceNumber(input.number)
    if (!number.ok) return refused('licence', number)
    const licenceClass = parseLicenceClass(input.licenceClass)
    if (!licenceClass.ok) return refused('licence', licenceClass)
    const expiry = parseLicenceExpiry(input.expiry ?? '', todayOf(todayText))
    return checked('licence', expiry, (date) => ({
      number: number.value,
      licenceClass: licenceClass.value.code,
      expiry: date ? formatCalendarDate(date) : null,
    }))
  },
  vehicleRegistration(input) {
    const plate = parsePlate(input.plate)
    if (!plate.ok) return refused('plate', plate)
    const text = input.registrationNumber?.trim() ?? ''
    if (text === '')
      return { ok: true, value: { plate: plate.value.display, registrationNumber: null } }
    return checked('registration', parseRegistrationNumber(text), (registrationNumber) => ({
      plate: plate.value.display,
      registrationNumber,
    }))
  },
  consent: (language) => ({
    version: CONSENT_VERSION,
    text: consentText((key) => formatMessage(language, key)),
  }),
}
