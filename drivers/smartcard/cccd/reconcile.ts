import type { Dg13 } from './dg13'
import type { CccdQr } from './qr'

export type ReconciledField =
  'idNumber' | 'oldIdNumber' | 'fullName' | 'dateOfBirth' | 'sex' | 'address' | 'dateOfIssue'

/** One field on which the QR code and the chip disagree, with both values as read. */
export interface Mismatch {
  field: ReconciledField
  qr: string | null
  chip: string | null
}

/**
 * Compares the QR code with the chip's DG13, field by field, and names every disagreement. Text is
 * compared after Unicode NFC normalisation, case folding and collapsing of spaces; dates as ISO.
 * Fields the QR variant does not carry (old ID in the six-field form, an empty issue date) are skipped.
 */
export function reconcile(qr: CccdQr, chip: Dg13): Mismatch[] {
  const out: Mismatch[] = []
  const compare = (
    field: ReconciledField,
    a: string | null,
    b: string | null,
    same: (x: string, y: string) => boolean,
  ): void => {
    if (a === null && b === null) return
    if (a === null || b === null || !same(a, b)) out.push({ field, qr: a, chip: b })
  }
  const exact = (x: string, y: string): boolean => x === y
  compare('idNumber', qr.idNumber, chip.idNumber, exact)
  if (qr.variant === 'standard') compare('oldIdNumber', qr.oldIdNumber, chip.oldIdNumber, exact)
  compare('fullName', qr.fullName, chip.fullName, sameText)
  compare('dateOfBirth', qr.dateOfBirth, chipDate(chip.dateOfBirth), exact)
  compare('sex', qr.sex, chip.sexCode ?? chip.sex, exact)
  compare('address', qr.address, chip.placeOfResidence, sameText)
  if (qr.dateOfIssue !== null)
    compare('dateOfIssue', qr.dateOfIssue, chipDate(chip.dateOfIssue), exact)
  return out
}

function chipDate(date: Dg13['dateOfBirth']): string | null {
  return date ? (date.iso ?? date.text) : null
}

/** Same text for a person: NFC, case-insensitive (Vietnamese rules), spaces collapsed. */
export function sameText(a: string, b: string): boolean {
  return foldText(a) === foldText(b)
}

function foldText(text: string): string {
  return text.normalize('NFC').toLocaleLowerCase('vi').replace(/\s+/g, ' ').trim()
}
