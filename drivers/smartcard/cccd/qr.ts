import { ParseError } from '../../../lib/parse-error'
import { cardDateToIso, isoToCompactDate } from './dates'
import { sexFromVietnamese, sexToVietnamese, type Sex } from './sex'

/**
 * The text in the QR code on the CCCD (shared/research/cccd-chip.md §3.5):
 *   ID|old CMND (may be empty)|full name|DOB ddMMyyyy|Nam or Nữ|address|date of issue ddMMyyyy
 * Variants accepted: a leading BOM and trailing CR/LF from handheld scanners; the 6-field form
 * without the old CMND and with dd/MM/yyyy dates (re-shared by the Zalo app); extra trailing fields
 * (the 2024 card may add some; their order is unconfirmed), kept as they are.
 */
export interface CccdQr {
  variant: 'standard' | 'six-field'
  idNumber: string
  /** null when empty or absent (six-field form). */
  oldIdNumber: string | null
  fullName: string
  /** ISO, full or partial. */
  dateOfBirth: string
  sex: Sex
  address: string
  /** ISO; null when the field is empty. */
  dateOfIssue: string | null
  /** Fields after the seventh, as they are. */
  extraFields: string[]
}

/** QR payloads are short; refusing long ones keeps a wrong scan from costing anything. */
const MAX_LENGTH = 4096

export function parseCccdQr(payload: string): CccdQr {
  if (payload.length > MAX_LENGTH) throw new ParseError('qr', 'payload too long for a CCCD QR code')
  const text = payload
    .replace(/^\uFEFF/, '')
    .replace(/[\r\n]+$/, '')
    .normalize('NFC')
  const fields = text.split('|').map((f) => f.trim())
  if (fields.length < 6) {
    throw new ParseError('qr', `${fields.length} fields; a CCCD QR code has 7 (or 6)`)
  }
  const sixField = fields.length === 6
  const at = (i: number): string => fields[sixField && i > 0 ? i - 1 : i] ?? ''
  const idNumber = at(0)
  if (!/^\d{12}$/.test(idNumber))
    throw new ParseError('qr', 'the first field is not a 12-digit ID number')
  const oldIdNumber = sixField ? '' : at(1)
  if (oldIdNumber !== '' && !/^\d{9}(\d{3})?$/.test(oldIdNumber)) {
    throw new ParseError('qr', 'the old ID number is not 9 or 12 digits')
  }
  const fullName = at(2)
  if (fullName === '') throw new ParseError('qr', 'the name is empty')
  const dateOfBirth = cardDateToIso(at(3))
  if (!dateOfBirth) throw new ParseError('qr', 'the date of birth is not a date')
  const sex = sexFromVietnamese(at(4))
  if (!sex) throw new ParseError('qr', 'the sex is neither Nam nor Nữ')
  const issueText = at(6)
  const dateOfIssue = issueText === '' ? null : cardDateToIso(issueText)
  if (issueText !== '' && !dateOfIssue)
    throw new ParseError('qr', 'the date of issue is not a date')
  return {
    variant: sixField ? 'six-field' : 'standard',
    idNumber,
    oldIdNumber: oldIdNumber === '' ? null : oldIdNumber,
    fullName,
    dateOfBirth,
    sex,
    address: at(5),
    dateOfIssue,
    extraFields: fields.slice(7),
  }
}

export interface CccdQrInput {
  idNumber: string
  oldIdNumber?: string | null
  fullName: string
  /** ISO dates. */
  dateOfBirth: string
  sex: Sex
  address: string
  dateOfIssue: string
}

/** The standard 7-field payload, as the card's QR code carries it. */
export function formatCccdQr(input: CccdQrInput): string {
  for (const [name, value] of Object.entries({
    fullName: input.fullName,
    address: input.address,
  })) {
    if (value.includes('|')) throw new RangeError(`${name} may not contain '|'`)
  }
  return [
    input.idNumber,
    input.oldIdNumber ?? '',
    input.fullName,
    isoToCompactDate(input.dateOfBirth),
    sexToVietnamese(input.sex),
    input.address,
    isoToCompactDate(input.dateOfIssue),
  ].join('|')
}
