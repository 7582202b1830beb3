import { mrzCheckDigit } from '../icao9303/access-key'
import type { Mrz, MrzCheck } from '../icao9303/lds/mrz'
import type { MrzFields } from '../icao9303/lds/mrz-build'
import { mrzDocumentNumberFromIdNumber } from './access-keys'
import { isoToMrzDate } from './dates'
import type { Sex } from './sex'

/**
 * The CCCD's TD1 MRZ (shared/research/cccd-chip.md §3.2): line 1 is 'IDVNM', the last 9 digits of
 * the ID with their check digit, then the full 12-digit ID, '<<' and the ID's check digit as
 * optional data. The name is written surname first: the first word of the full name is the surname.
 */
export interface CccdMrzInput {
  idNumber: string
  fullName: string
  /** ISO dates. */
  dateOfBirth: string
  dateOfExpiry: string
  sex: Sex
}

export function cccdMrzFields(input: CccdMrzInput): MrzFields {
  const [surname = '', ...given] = input.fullName.trim().split(/\s+/)
  return {
    format: 'TD1',
    documentCode: 'ID',
    issuingState: 'VNM',
    documentNumber: mrzDocumentNumberFromIdNumber(input.idNumber),
    dateOfBirth: isoToMrzDate(input.dateOfBirth),
    sex: input.sex,
    dateOfExpiry: isoToMrzDate(input.dateOfExpiry),
    nationality: 'VNM',
    surname,
    givenNames: given.join(' '),
    optionalData: `${input.idNumber}<<${mrzCheckDigit(input.idNumber)}`,
  }
}

export interface CccdMrzReading {
  /** The 12-digit ID from the optional data, or null if none is there. */
  idNumber: string | null
  /** Check digit printed after the ID (position 30 of line 1). */
  idNumberCheck: MrzCheck | null
  /** The MRZ document number equals the last 9 digits of that ID. */
  documentNumberMatchesId: boolean
}

/** Reads the CCCD-specific part of a TD1 MRZ. */
export function readCccdMrz(mrz: Mrz): CccdMrzReading {
  const match = mrz.format === 'TD1' ? /^(\d{12})<*(.)?$/.exec(mrz.optionalData) : null
  const idNumber = match?.[1] ?? null
  if (!idNumber) return { idNumber: null, idNumberCheck: null, documentNumberMatchesId: false }
  const printed = mrz.lines[0]?.charAt(29) ?? ''
  const computed = mrzCheckDigit(idNumber)
  return {
    idNumber,
    idNumberCheck: { printed, computed, valid: printed === String(computed) },
    documentNumberMatchesId: mrz.documentNumber === idNumber.slice(3),
  }
}
