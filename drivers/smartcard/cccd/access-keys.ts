import type { AccessKey } from '../icao9303/access-key'
import { isoToMrzDate } from './dates'

/**
 * Keys that open a CCCD chip (shared/research/cccd-chip.md §3.1): PACE with CAN = the last 6 digits
 * of the 12-digit ID (no CAN is printed), or BAC/PACE with the MRZ information, whose document
 * number is the last 9 digits of the ID.
 */
export function canFromIdNumber(idNumber: string): string {
  return requireIdNumber(idNumber).slice(6)
}

export function mrzDocumentNumberFromIdNumber(idNumber: string): string {
  return requireIdNumber(idNumber).slice(3)
}

export interface CccdKeyInput {
  idNumber: string
  /** ISO dates. */
  dateOfBirth: string
  dateOfExpiry: string
}

export function cccdAccessKeys(input: CccdKeyInput): {
  can: Extract<AccessKey, { kind: 'CAN' }>
  mrz: Extract<AccessKey, { kind: 'MRZ' }>
} {
  return {
    can: { kind: 'CAN', can: canFromIdNumber(input.idNumber) },
    mrz: {
      kind: 'MRZ',
      documentNumber: mrzDocumentNumberFromIdNumber(input.idNumber),
      dateOfBirth: isoToMrzDate(input.dateOfBirth),
      dateOfExpiry: isoToMrzDate(input.dateOfExpiry),
    },
  }
}

function requireIdNumber(idNumber: string): string {
  if (!/^\d{12}$/.test(idNumber)) throw new RangeError('the ID number must be 12 digits')
  return idNumber
}
