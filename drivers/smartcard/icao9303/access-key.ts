/**
 * The secret a terminal proves it knows before the chip opens: the CAN (PACE only) or the MRZ
 * information (BAC and PACE). Dates are YYMMDD as printed in the MRZ.
 */
export type AccessKey =
  | { kind: 'CAN'; can: string }
  | { kind: 'MRZ'; documentNumber: string; dateOfBirth: string; dateOfExpiry: string }

const MRZ_WEIGHTS = [7, 3, 1] as const

/** ICAO 9303-3 §4.9 check digit: digits as-is, A–Z as 10–35, '<' as 0, weights 7-3-1. */
export function mrzCheckDigit(field: string): number {
  let sum = 0
  for (let i = 0; i < field.length; i++) {
    const c = field.charCodeAt(i)
    let value: number
    if (c >= 48 && c <= 57) value = c - 48
    else if (c >= 65 && c <= 90) value = c - 55
    else if (c === 60) value = 0
    else throw new RangeError(`character '${field[i]}' is not allowed in an MRZ field`)
    sum += value * (MRZ_WEIGHTS[i % 3] ?? 1)
  }
  return sum % 10
}

/**
 * MRZ information for key derivation (ICAO 9303-11 §4.3.2 / §9.7.3): document number padded with '<'
 * to at least 9 characters, date of birth, date of expiry, each followed by its check digit.
 */
export function mrzKeyInformation(key: Extract<AccessKey, { kind: 'MRZ' }>): string {
  const documentNumber = key.documentNumber.toUpperCase().padEnd(9, '<')
  const field = (value: string): string => `${value}${mrzCheckDigit(value)}`
  return field(documentNumber) + field(key.dateOfBirth) + field(key.dateOfExpiry)
}
