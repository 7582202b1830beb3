import { derInteger, derOid, derPrintable, derSequence, derUtf8, DER } from '../../../lib/asn1/der'
import { tlv } from '../../../lib/asn1/tlv'
import { isoToCardDate } from './dates'
import { DG13_FIELD, type ParentsLayout } from './dg13'
import { sexToVietnamese, type Sex } from './sex'

/** A date for DG13: ISO 8601 (full or partial), written as DD/MM/YYYY; or text written as given. */
export type Dg13DateInput = string | { text: string }

export interface Dg13Input {
  idNumber: string
  fullName: string
  dateOfBirth: Dg13DateInput
  sex: Sex
  nationality?: string
  ethnicity: string
  religion: string
  placeOfOrigin: string
  placeOfResidence: string
  personalIdentification: string
  dateOfIssue: Dg13DateInput
  /** null: no expiry (holders over 58 at issue); field 12 is then left out. */
  dateOfExpiry: Dg13DateInput | null
  fatherName?: string | null
  motherName?: string | null
  /** null or absent: field 14 is written empty, as for an unmarried holder. */
  spouseName?: string | null
  /** absent: field 15 is left out. */
  oldIdNumber?: string | null
  /** Extra fields (16…), their encoded values written after the INTEGER as given. */
  otherFields?: readonly { index: number; value: Uint8Array }[]
}

export interface Dg13BuildOptions {
  /** 'separate' (default): father and mother each in a SEQUENCE; 'combined': both in one. */
  parentsLayout?: Exclude<ParentsLayout, 'flat'>
}

/** The OID seen in CCCD DG13 headers (1.0.10646.1.0.8; meaning unconfirmed). */
export const DG13_OID = '1.0.10646.1.0.8'

/**
 * Builds DG13 as public CCCD readers report it: PrintableString for the ID, dates of birth and
 * issue and the old ID; UTF8String for the rest; fields in number order.
 */
export function buildDg13(input: Dg13Input, options: Dg13BuildOptions = {}): Uint8Array {
  const F = DG13_FIELD
  const fields: Uint8Array[] = [
    field(F.idNumber, printable(input.idNumber, 'ID number')),
    field(F.fullName, derUtf8(input.fullName)),
    field(F.dateOfBirth, printable(dateText(input.dateOfBirth), 'date of birth')),
    field(F.sex, derUtf8(sexToVietnamese(input.sex))),
    field(F.nationality, derUtf8(input.nationality ?? 'Việt Nam')),
    field(F.ethnicity, derUtf8(input.ethnicity)),
    field(F.religion, derUtf8(input.religion)),
    field(F.placeOfOrigin, derUtf8(input.placeOfOrigin)),
    field(F.placeOfResidence, derUtf8(input.placeOfResidence)),
    field(F.personalIdentification, derUtf8(input.personalIdentification)),
    field(F.dateOfIssue, printable(dateText(input.dateOfIssue), 'date of issue')),
  ]
  if (input.dateOfExpiry !== null) {
    fields.push(field(F.dateOfExpiry, derUtf8(dateText(input.dateOfExpiry))))
  }
  fields.push(
    parentsField(
      input.fatherName ?? null,
      input.motherName ?? null,
      options.parentsLayout ?? 'separate',
    ),
  )
  fields.push(
    input.spouseName ? field(F.spouse, derSequence(derUtf8(input.spouseName))) : field(F.spouse),
  )
  if (input.oldIdNumber)
    fields.push(field(F.oldIdNumber, printable(input.oldIdNumber, 'old ID number')))
  for (const extra of input.otherFields ?? []) {
    if (extra.index <= F.oldIdNumber) throw new RangeError(`field ${extra.index} is a named field`)
    fields.push(field(extra.index, extra.value))
  }
  // A SET written in field order, not DER-sorted: that is how the cards store it.
  const set = tlv(DER.SET, ...fields)
  return tlv(0x6d, derSequence(derInteger(1), derOid(DG13_OID), set))
}

function parentsField(
  father: string | null,
  mother: string | null,
  layout: 'separate' | 'combined',
): Uint8Array {
  const names = [father ?? '', mother ?? ''].map((n) => derUtf8(n))
  const [f = new Uint8Array(0), m = new Uint8Array(0)] = names
  return layout === 'separate'
    ? field(DG13_FIELD.parents, derSequence(f), derSequence(m))
    : field(DG13_FIELD.parents, derSequence(f, m))
}

function field(index: number, ...value: readonly Uint8Array[]): Uint8Array {
  return derSequence(derInteger(index), ...value)
}

function dateText(date: Dg13DateInput): string {
  return typeof date === 'string' ? isoToCardDate(date) : date.text
}

function printable(text: string, name: string): Uint8Array {
  // PrintableString: letters, digits, space and '()+,-./:=? (X.680 §41.4).
  if (!/^[A-Za-z0-9 '()+,\-./:=?]*$/.test(text))
    throw new RangeError(`${name} is not a PrintableString`)
  return derPrintable(text)
}
