import type { CardAccess } from '../../../../electron/contract'

/** What people type between digits on a card number. */
const SEPARATORS = /[\s.-]/g

/**
 * The CAN that opens a CCCD chip from what the officer typed: the 12-digit personal ID number
 * (the CAN is its last 6 digits) or the 6-digit CAN itself; null for anything else.
 */
export function canFromTyped(text: string): string | null {
  const digits = text.normalize('NFKC').replace(SEPARATORS, '')
  if (/^\d{12}$/.test(digits)) return digits.slice(6)
  if (/^\d{6}$/.test(digits)) return digits
  return null
}

const MRZ_DATE = /^\d{2}(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])$/

/** A passport's BAC key from its MRZ data as typed (upper-cased, separators dropped); null if malformed. */
export function mrzAccess(
  documentNumber: string,
  dateOfBirth: string,
  dateOfExpiry: string,
): CardAccess | null {
  const number = documentNumber.normalize('NFKC').toUpperCase().replace(SEPARATORS, '')
  const birth = dateOfBirth.replace(SEPARATORS, '')
  const expiry = dateOfExpiry.replace(SEPARATORS, '')
  if (!/^[A-Z0-9<]{1,20}$/.test(number) || !MRZ_DATE.test(birth) || !MRZ_DATE.test(expiry))
    return null
  return { kind: 'MRZ', documentNumber: number, dateOfBirth: birth, dateOfExpiry: expiry }
}
