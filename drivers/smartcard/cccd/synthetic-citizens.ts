import type { MrzFields } from '../icao9303/lds/mrz-build'
import type { Dg13Input } from './dg13-build'
import { cccdExpiryDate } from './expiry'
import { centurySexDigit, idNumberParts } from './id-number'
import { cccdMrzFields } from './mrz'
import { PROVINCES } from './provinces'
import { formatCccdQr } from './qr'
import { seededRandom, type SeededRandom } from './seeded-random'
import type { Sex } from './sex'
import {
  ETHNICITIES,
  FAMILY_NAMES,
  GIVEN_NAMES,
  MARK_PLACES,
  MARKS,
  MIDDLE_NAMES,
  RELIGIONS,
  STREETS,
} from './synthetic-names'

/** An invented citizen whose ID, DG13, MRZ and QR payload agree with each other. */
export interface SyntheticCitizen {
  seed: string
  idNumber: string
  fullName: string
  sex: Sex
  /** ISO dates. */
  dateOfBirth: string
  dateOfIssue: string
  /** Always set: citizens are made younger than 58 at issue so the MRZ has an expiry. */
  dateOfExpiry: string
  provinceCode: string
  ethnicity: string
  religion: string
  placeOfOrigin: string
  placeOfResidence: string
  personalIdentification: string
  fatherName: string
  motherName: string
  spouseName: string | null
  oldIdNumber: string | null
  dg13: Dg13Input
  mrz: MrzFields
  qrPayload: string
}

export interface SyntheticCitizenOptions {
  /** Today, injected: issue dates fall in the three years before it (not before 2021). */
  today: Date
  sex?: Sex
  /**
   * Make the citizen for this 12-digit ID (`kiosk sim card --id`): province, sex and birth year come
   * from it. Holders who would be 58 or older at issue are refused (their cards never expire, and
   * how such an MRZ is written is not public).
   */
  idNumber?: string
  /**
   * Make the citizen born on this day (YYYY-MM-DD; training scenarios of children): the card is
   * issued from the 14th birthday, or for a child from 2024-07-01, when Law 26/2023 let children
   * hold one, and expires as the law says (at 14 for a child's card).
   */
  dateOfBirth?: string
}

const FIRST_CHIP_CARDS = '2021-01-01'
const DAY_MS = 86_400_000

interface CardDates {
  dateOfBirth: string
  dateOfIssue: string
  dateOfExpiry: string
}

/** Birth, issue and expiry dates; from the ID number's birth year when one is given. */
function cardDates(
  rng: SeededRandom,
  today: string,
  fromId: ReturnType<typeof idNumberParts>,
): CardDates {
  const earliestIssue = laterOf(FIRST_CHIP_CARDS, addDays(today, -3 * 365))
  let dateOfIssue: string
  let dateOfBirth: string
  if (fromId) {
    dateOfBirth = earlierOf(addDays(`${fromId.birthYear}-01-01`, rng.int(0, 364)), today)
    const from = laterOf(earliestIssue, addYears(dateOfBirth, 14))
    dateOfIssue = from > today ? today : addDays(from, rng.int(0, daysBetween(from, today)))
  } else {
    dateOfIssue = addDays(earliestIssue, rng.int(0, daysBetween(earliestIssue, today)))
    // Ages 14–57 at issue: old enough to hold a card, young enough for the card to expire.
    const ageAtIssue = rng.int(14, 57)
    dateOfBirth = addDays(addYears(dateOfIssue, -ageAtIssue - 1), rng.int(1, 364))
  }
  const dateOfExpiry = cccdExpiryDate(dateOfBirth, dateOfIssue)
  if (!dateOfExpiry) {
    throw new RangeError('the simulator only makes cards that expire (holders under 58 at issue)')
  }
  return { dateOfBirth, dateOfIssue, dateOfExpiry }
}

const CHILD_CARDS = '2024-07-01'

function datesForBirth(rng: SeededRandom, today: string, dateOfBirth: string): CardDates {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(dateOfBirth) || dateOfBirth > today)
    throw new RangeError('the date of birth must be a day before today, as YYYY-MM-DD')
  const earliestIssue = laterOf(FIRST_CHIP_CARDS, addDays(today, -3 * 365))
  const adult = addYears(dateOfBirth, 14)
  const from =
    adult <= today
      ? laterOf(earliestIssue, adult)
      : laterOf(laterOf(earliestIssue, CHILD_CARDS), dateOfBirth)
  const dateOfIssue = from > today ? today : addDays(from, rng.int(0, daysBetween(from, today)))
  const dateOfExpiry = cccdExpiryDate(dateOfBirth, dateOfIssue)
  if (!dateOfExpiry) {
    throw new RangeError('the simulator only makes cards that expire (holders under 58 at issue)')
  }
  return { dateOfBirth, dateOfIssue, dateOfExpiry }
}

/** Places, marks, relatives and the old CMND: the DG13 fields beyond name, dates and ID. */
function familyAndPlaces(
  rng: SeededRandom,
  person: { family: string; sex: Sex; birthYear: number; ageAtIssue: number },
  provinceName: string,
  residenceProvince: string,
) {
  const { family, sex, birthYear, ageAtIssue } = person
  const placeOfOrigin = `Xã ${rng.pick(GIVEN_NAMES.M)} ${rng.pick(GIVEN_NAMES.F)}, ${provinceName}`
  const placeOfResidence = `Số ${rng.int(1, 250)}, đường ${rng.pick(STREETS)}, phường ${rng.int(1, 15)}, ${residenceProvince}`
  const personalIdentification = `${rng.pick(MARKS)} C:${rng.int(1, 3)}cm ${rng.pick(MARK_PLACES)}`
  const fatherName = `${family} ${rng.pick(MIDDLE_NAMES.M)} ${rng.pick(GIVEN_NAMES.M)}`
  const motherName = `${rng.weighted(FAMILY_NAMES)} ${rng.pick(MIDDLE_NAMES.F)} ${rng.pick(GIVEN_NAMES.F)}`
  const married = ageAtIssue >= 22 && rng.chance(0.6)
  const spouseSex: Sex = sex === 'M' ? 'F' : 'M'
  const spouseName = married
    ? `${rng.weighted(FAMILY_NAMES)} ${rng.pick(MIDDLE_NAMES[spouseSex])} ${rng.pick(GIVEN_NAMES[spouseSex])}`
    : null
  // The 9-digit CMND was issued from age 14 until the chip card replaced it in 2021.
  const hadCmnd = birthYear + 14 < 2021 && rng.chance(0.8)
  const oldIdNumber = hadCmnd ? rng.digits(9) : null
  const ethnicity = rng.weighted(ETHNICITIES)
  const religion = rng.weighted(RELIGIONS)
  return {
    placeOfOrigin,
    placeOfResidence,
    personalIdentification,
    fatherName,
    motherName,
    spouseName,
    oldIdNumber,
    ethnicity,
    religion,
  }
}

/** A citizen made from `seed`: the same seed and day always give the same person. */
export function syntheticCitizen(
  seed: string | number,
  options: SyntheticCitizenOptions,
): SyntheticCitizen {
  const rng = seededRandom(`citizen:${seed}`)
  const today = isoDay(options.today)
  const fromId = options.idNumber === undefined ? null : idNumberParts(options.idNumber)
  if (options.idNumber !== undefined && !fromId)
    throw new RangeError('the ID number must be 12 digits')
  const sex: Sex = fromId?.sex ?? options.sex ?? (rng.chance(0.5) ? 'M' : 'F')
  const family = rng.weighted(FAMILY_NAMES)
  const fullName = `${family} ${rng.pick(MIDDLE_NAMES[sex])} ${rng.pick(GIVEN_NAMES[sex])}`
  const { dateOfBirth, dateOfIssue, dateOfExpiry } =
    options.dateOfBirth !== undefined
      ? datesForBirth(rng, today, options.dateOfBirth)
      : cardDates(rng, today, fromId)

  const provinces = [...PROVINCES.entries()]
  const [provinceCode, provinceName] = fromId
    ? [fromId.provinceCode, fromId.provinceName ?? rng.pick(provinces)[1]]
    : rng.pick(provinces)
  const [, residenceProvince] = rng.chance(0.7) ? [provinceCode, provinceName] : rng.pick(provinces)
  const birthYear = Number(dateOfBirth.slice(0, 4))
  const ageAtIssue = Number(dateOfIssue.slice(0, 4)) - birthYear
  const idNumber =
    options.idNumber ??
    `${provinceCode}${centurySexDigit(birthYear, sex)}${String(birthYear % 100).padStart(2, '0')}${rng.digits(6)}`
  const rest = familyAndPlaces(
    rng,
    { family, sex, birthYear, ageAtIssue },
    provinceName,
    residenceProvince,
  )
  const dg13: Dg13Input = {
    idNumber,
    fullName,
    dateOfBirth,
    sex,
    nationality: 'Việt Nam',
    ...rest,
    dateOfIssue,
    dateOfExpiry,
  }
  return {
    seed: String(seed),
    idNumber,
    fullName,
    sex,
    dateOfBirth,
    dateOfIssue,
    dateOfExpiry,
    provinceCode,
    ...rest,
    dg13,
    mrz: cccdMrzFields({ idNumber, fullName, dateOfBirth, dateOfExpiry, sex }),
    qrPayload: formatCccdQr({
      idNumber,
      oldIdNumber: rest.oldIdNumber,
      fullName,
      dateOfBirth,
      sex,
      address: rest.placeOfResidence,
      dateOfIssue,
    }),
  }
}

/** `count` citizens from seeds `${seed}-0`, `${seed}-1`, …, with distinct ID numbers. */
export function syntheticCitizens(
  seed: string | number,
  count: number,
  options: SyntheticCitizenOptions,
): SyntheticCitizen[] {
  const out: SyntheticCitizen[] = []
  const seen = new Set<string>()
  for (let i = 0; out.length < count; i++) {
    const citizen = syntheticCitizen(`${seed}-${i}`, options)
    if (seen.has(citizen.idNumber)) continue
    seen.add(citizen.idNumber)
    out.push(citizen)
  }
  return out
}

function isoDay(date: Date): string {
  return date.toISOString().slice(0, 10)
}

function addDays(iso: string, days: number): string {
  return isoDay(new Date(Date.parse(`${iso}T00:00:00Z`) + days * DAY_MS))
}

function addYears(iso: string, years: number): string {
  const d = new Date(`${iso}T00:00:00Z`)
  d.setUTCFullYear(d.getUTCFullYear() + years)
  return isoDay(d)
}

function daysBetween(from: string, to: string): number {
  return Math.max(
    0,
    Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS),
  )
}

function earlierOf(a: string, b: string): string {
  return a < b ? a : b
}

function laterOf(a: string, b: string): string {
  return a > b ? a : b
}
