import {
  messageRef,
  textOf,
  type CatalogueMessage,
  type MessageParams,
} from '../../../lib/messages'
import { PROVINCES } from './provinces'
import type { Sex } from './sex'

/**
 * The 12-digit personal identification number (số định danh cá nhân): PPP G YY NNNNNN, with PPP the
 * province of birth registration, G the century and sex (0/1 = 1900s male/female, 2/3 = 2000s,
 * … 8/9 = 2200s), YY the last two digits of the birth year, NNNNNN a serial number.
 */
export interface IdNumberParts {
  provinceCode: string
  /** null when the code is not in the list. */
  provinceName: string | null
  centurySexDigit: number
  sex: Sex
  birthYear: number
  serial: string
}

export const idNumberProblemCodes = [
  'format',
  'unknown-province',
  'birth-year-in-future',
  'birth-year-mismatch',
  'sex-mismatch',
] as const
export type IdNumberProblemCode = (typeof idNumberProblemCodes)[number]

/** One problem; its sentence is `messageKey` in the catalogue, `vi` and `en` are formatted from it. */
export interface IdNumberProblem extends CatalogueMessage {
  code: IdNumberProblemCode
  vi: string
  en: string
}

export interface IdNumberValidation {
  valid: boolean
  /** null when the text is not 12 digits. */
  parts: IdNumberParts | null
  problems: IdNumberProblem[]
}

export interface IdNumberExpectations {
  /** ISO date of birth (full or just the year) to compare with the number. */
  dateOfBirth?: string
  sex?: Sex
  /** Today, to refuse birth years in the future. */
  today?: Date
}

/** Splits a 12-digit number into its parts, or null if it is not 12 digits. */
export function idNumberParts(idNumber: string): IdNumberParts | null {
  if (!/^\d{12}$/.test(idNumber)) return null
  const digit = Number(idNumber[3])
  const provinceCode = idNumber.slice(0, 3)
  return {
    provinceCode,
    provinceName: PROVINCES.get(provinceCode) ?? null,
    centurySexDigit: digit,
    sex: digit % 2 === 0 ? 'M' : 'F',
    birthYear: 1900 + Math.floor(digit / 2) * 100 + Number(idNumber.slice(4, 6)),
    serial: idNumber.slice(6),
  }
}

/** Checks the number's structure and, when given, its agreement with a date of birth and sex. */
export function validateIdNumber(
  idNumber: string,
  expect: IdNumberExpectations = {},
): IdNumberValidation {
  const parts = idNumberParts(idNumber)
  if (!parts) {
    return {
      valid: false,
      parts: null,
      problems: [problem('format')],
    }
  }
  const problems: IdNumberProblem[] = []
  if (!parts.provinceName) {
    problems.push(problem('unknown-province', { provinceCode: parts.provinceCode }))
  }
  if (expect.today && parts.birthYear > expect.today.getUTCFullYear()) {
    problems.push(problem('birth-year-in-future', { birthYear: parts.birthYear }))
  }
  const expectedYear = expect.dateOfBirth ? Number(expect.dateOfBirth.slice(0, 4)) : null
  if (expectedYear !== null && expectedYear !== parts.birthYear) {
    problems.push(problem('birth-year-mismatch', { birthYear: parts.birthYear, expectedYear }))
  }
  if (expect.sex && expect.sex !== parts.sex) {
    problems.push(
      // The sex the number encodes is a word in Vietnamese and a letter in English: one key each.
      problem('sex-mismatch', { givenSex: expect.sex }, `sex-mismatch-${parts.sex}`),
    )
  }
  return { valid: problems.length === 0, parts, problems }
}

/** The century-and-sex digit for a birth year and sex (throws RangeError outside 1900–2399). */
export function centurySexDigit(birthYear: number, sex: Sex): number {
  const century = Math.floor((birthYear - 1900) / 100)
  if (!Number.isInteger(birthYear) || century < 0 || century > 4) {
    throw new RangeError(`birth year ${birthYear} cannot be encoded`)
  }
  return century * 2 + (sex === 'F' ? 1 : 0)
}

function problem(
  code: IdNumberProblemCode,
  params: MessageParams = {},
  key: string = code,
): IdNumberProblem {
  const text = messageRef(`messages.idNumber.${key}`, params)
  return { code, ...text, vi: textOf(text, 'vi'), en: textOf(text, 'en') }
}
