import { mrzCheckDigit } from '../access-key'
import type { MrzFormat } from './mrz'

/** What an MRZ is made from. Dates are YYMMDD; names may carry diacritics (they are transliterated). */
export interface MrzFields {
  format: MrzFormat
  documentCode: string
  issuingState: string
  /** Up to 9 characters fit the field; TD1/TD2 numbers longer than that overflow into the optional data. */
  documentNumber: string
  dateOfBirth: string
  sex: 'M' | 'F' | 'X' | '<'
  dateOfExpiry: string
  nationality: string
  surname: string
  givenNames: string
  /** TD1 line 1 / TD2 line 2 optional data; TD3 personal number. */
  optionalData?: string
  /** TD1 line 2 optional data. */
  optionalData2?: string
}

/**
 * Transliterates a name for the MRZ: diacritics dropped (Vietnamese 'Đ' becomes 'D'), letters
 * upper-cased, apostrophes removed, every other separator turned into '<'.
 */
export function mrzName(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[Đđ]/g, 'D')
    .toUpperCase()
    .replace(/['’]/g, '')
    .replace(/[^A-Z]+/g, '<')
    .replace(/^<+|<+$/g, '')
}

/** Builds the MRZ lines, computing every check digit. Throws RangeError on values that do not fit. */
export function formatMrz(fields: MrzFields): string[] {
  switch (fields.format) {
    case 'TD1':
      return formatTd1(fields)
    case 'TD2':
    case 'TD3':
      return formatTd2Or3(fields)
  }
}

function formatTd1(f: MrzFields): string[] {
  const doc = documentNumberFields(f.documentNumber, f.optionalData ?? '', 15)
  const line1 =
    pad(f.documentCode, 2, 'document code') +
    pad(f.issuingState, 3, 'issuing state') +
    doc.field +
    doc.optional
  const line2Start =
    withCheck(date(f.dateOfBirth, 'date of birth')) +
    sex(f.sex) +
    withCheck(date(f.dateOfExpiry, 'date of expiry')) +
    pad(f.nationality, 3, 'nationality') +
    pad(f.optionalData2 ?? '', 11, 'optional data 2')
  const composite =
    line1.slice(5, 30) + line2Start.slice(0, 7) + line2Start.slice(8, 15) + line2Start.slice(18, 29)
  return [line1, line2Start + mrzCheckDigit(composite), nameField(f.surname, f.givenNames, 30)]
}

function formatTd2Or3(f: MrzFields): string[] {
  const width = f.format === 'TD3' ? 44 : 36
  const line1 =
    pad(f.documentCode, 2, 'document code') +
    pad(f.issuingState, 3, 'issuing state') +
    nameField(f.surname, f.givenNames, width - 5)
  let numberAndOptional: { field: string; optional: string }
  if (f.format === 'TD2') {
    numberAndOptional = documentNumberFields(f.documentNumber, f.optionalData ?? '', 7)
  } else {
    const personal = pad(f.optionalData ?? '', 14, 'personal number')
    // An empty personal number may carry '<' as its check digit (ICAO 9303-4 §4.2.2).
    const personalCheck = /^<+$/.test(personal) ? '<' : String(mrzCheckDigit(personal))
    numberAndOptional = {
      field: withCheck(pad(f.documentNumber, 9, 'document number')),
      optional: personal + personalCheck,
    }
  }
  const body =
    numberAndOptional.field +
    pad(f.nationality, 3, 'nationality') +
    withCheck(date(f.dateOfBirth, 'date of birth')) +
    sex(f.sex) +
    withCheck(date(f.dateOfExpiry, 'date of expiry')) +
    numberAndOptional.optional
  const composite = body.slice(0, 10) + body.slice(13, 20) + body.slice(21)
  return [line1, body + mrzCheckDigit(composite)]
}

/** The 10-character number field (number + check digit) and the optional data, with overflow. */
function documentNumberFields(
  number: string,
  optional: string,
  optionalWidth: number,
): { field: string; optional: string } {
  const clean = chars(number, 'document number')
  if (clean.length <= 9) {
    return {
      field: withCheck(pad(clean, 9, 'document number')),
      optional: pad(optional, optionalWidth, 'optional data'),
    }
  }
  const overflow = `${clean.slice(9)}${mrzCheckDigit(clean)}<${optional}`
  return {
    field: `${clean.slice(0, 9)}<`,
    optional: pad(overflow, optionalWidth, 'document number with optional data'),
  }
}

function nameField(surname: string, givenNames: string, width: number): string {
  const family = mrzName(surname)
  const given = mrzName(givenNames)
  const full = given ? `${family}<<${given}` : family
  // Truncation as ICAO allows it: cut at the width (the last character then is not '<').
  return full.slice(0, width).padEnd(width, '<')
}

function withCheck(field: string): string {
  return field + mrzCheckDigit(field)
}

function date(value: string, name: string): string {
  if (!/^[0-9<]{6}$/.test(value)) throw new RangeError(`${name} must be YYMMDD`)
  return value
}

function sex(value: string): string {
  if (!['M', 'F', 'X', '<'].includes(value)) throw new RangeError('sex must be M, F, X or <')
  return value
}

function chars(value: string, name: string): string {
  const upper = value.toUpperCase().replace(/ /g, '<')
  if (!/^[A-Z0-9<]*$/.test(upper))
    throw new RangeError(`${name} has characters outside A-Z, 0-9, <`)
  return upper
}

function pad(value: string, width: number, name: string): string {
  const clean = chars(value, name)
  if (clean.length > width) throw new RangeError(`${name} is longer than ${width} characters`)
  return clean.padEnd(width, '<')
}
