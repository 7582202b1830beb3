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

export type IdNumberProblemCode =
  'format' | 'unknown-province' | 'birth-year-in-future' | 'birth-year-mismatch' | 'sex-mismatch'

export interface IdNumberProblem {
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
      problems: [
        problem(
          'format',
          'Số định danh phải gồm đúng 12 chữ số',
          'The ID number must be exactly 12 digits',
        ),
      ],
    }
  }
  const problems: IdNumberProblem[] = []
  if (!parts.provinceName) {
    problems.push(
      problem(
        'unknown-province',
        `Mã tỉnh/thành ${parts.provinceCode} không có trong danh mục`,
        `Province code ${parts.provinceCode} is not in the list of codes`,
      ),
    )
  }
  if (expect.today && parts.birthYear > expect.today.getUTCFullYear()) {
    problems.push(
      problem(
        'birth-year-in-future',
        `Năm sinh ${parts.birthYear} theo số định danh nằm trong tương lai`,
        `The birth year ${parts.birthYear} in the ID number is in the future`,
      ),
    )
  }
  const expectedYear = expect.dateOfBirth ? Number(expect.dateOfBirth.slice(0, 4)) : null
  if (expectedYear !== null && expectedYear !== parts.birthYear) {
    problems.push(
      problem(
        'birth-year-mismatch',
        `Số định danh ghi năm sinh ${parts.birthYear}, ngày sinh là năm ${expectedYear}`,
        `The ID number encodes birth year ${parts.birthYear}, the date of birth says ${expectedYear}`,
      ),
    )
  }
  if (expect.sex && expect.sex !== parts.sex) {
    problems.push(
      problem(
        'sex-mismatch',
        `Số định danh ghi giới tính ${parts.sex === 'M' ? 'Nam' : 'Nữ'}, khác với giới tính đã cho`,
        `The ID number encodes sex ${parts.sex}, not the sex given (${expect.sex})`,
      ),
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

function problem(code: IdNumberProblemCode, vi: string, en: string): IdNumberProblem {
  return { code, vi, en }
}
