import { decodeOidBody, decodeSmallInteger, DER } from '../../../lib/asn1/der'
import { readTlvList, type Tlv } from '../../../lib/asn1/tlv'
import { ParseError } from '../../../lib/parse-error'
import { unwrapLdsFile } from '../icao9303/lds/files'
import { cardDateToIso } from './dates'
import { sexFromVietnamese, type Sex } from './sex'

/**
 * The CCCD's DG13 (issuer-defined "optional details"): 6D { SEQUENCE { INTEGER version, OID,
 * SET { SEQUENCE { INTEGER n, value… }… } } }. The field number n, not the position, names the field;
 * any field may be absent. Layout and numbering: shared/research/cccd-chip.md §3.4.
 */
export const DG13_FIELD = {
  idNumber: 1,
  fullName: 2,
  dateOfBirth: 3,
  sex: 4,
  nationality: 5,
  ethnicity: 6,
  religion: 7,
  placeOfOrigin: 8,
  placeOfResidence: 9,
  personalIdentification: 10,
  dateOfIssue: 11,
  dateOfExpiry: 12,
  parents: 13,
  spouse: 14,
  oldIdNumber: 15,
} as const

/** A date as printed (text) and as ISO 8601, full or partial; iso is null when the text is not a date. */
export interface CardDate {
  text: string
  iso: string | null
}

/** How field 13 held the parents' names (both layouts are seen in public readers). */
export type ParentsLayout = 'separate' | 'combined' | 'flat'

/** A field this parser does not name (16 and any newer one), kept as stored. */
export interface Dg13RawField {
  index: number
  /** Every string found in the field, in order. */
  strings: string[]
  /** The encoded TLVs after the field's INTEGER. */
  value: Uint8Array
}

export interface Dg13 {
  version: number | null
  oid: string | null
  /** 12-digit personal identification number (số định danh cá nhân). */
  idNumber: string | null
  fullName: string | null
  dateOfBirth: CardDate | null
  /** As printed: 'Nam' / 'Nữ'. */
  sex: string | null
  sexCode: Sex | null
  nationality: string | null
  ethnicity: string | null
  religion: string | null
  /** Quê quán (Nơi đăng ký khai sinh on the 2024 card). */
  placeOfOrigin: string | null
  /** Nơi thường trú (Nơi cư trú on the 2024 card). */
  placeOfResidence: string | null
  /** Đặc điểm nhận dạng: identifying marks. */
  personalIdentification: string | null
  dateOfIssue: CardDate | null
  dateOfExpiry: CardDate | null
  fatherName: string | null
  motherName: string | null
  parentsLayout: ParentsLayout | null
  spouseName: string | null
  /** The 9-digit CMND number, when the holder had one. */
  oldIdNumber: string | null
  otherFields: Dg13RawField[]
}

const STRING_TAGS = new Set<number>([
  DER.UTF8_STRING,
  DER.PRINTABLE_STRING,
  DER.IA5_STRING,
  0x12, // NumericString
  0x14, // TeletexString
  0x1a, // VisibleString
  0x1e, // BMPString
])
const NAMED_INDEXES = new Set<number>(Object.values(DG13_FIELD))
const utf8 = new TextDecoder('utf-8')

export function parseDg13(bytes: Uint8Array): Dg13 {
  const outer = unwrapLdsFile('DG13', bytes)
  const { version, oid, fields } = locateFields(readTlvList(outer.value, { allowPadding: true }))
  const byIndex = new Map<number, Tlv[]>()
  const otherFields: Dg13RawField[] = []
  for (const field of fields) {
    const [indexTlv, ...values] = readTlvList(field.value)
    if (!indexTlv || indexTlv.tag !== DER.INTEGER) {
      throw new ParseError('dg13', 'field without its INTEGER number')
    }
    const index = decodeSmallInteger(indexTlv)
    if (byIndex.has(index)) continue // a repeated number: the first occurrence wins
    byIndex.set(index, values)
    if (!NAMED_INDEXES.has(index)) {
      const start = indexTlv.size
      otherFields.push({ index, strings: stringsIn(values), value: field.value.subarray(start) })
    }
  }
  const text = (index: number): string | null => {
    const strings = stringsIn(byIndex.get(index) ?? []).filter((s) => s.trim() !== '')
    return strings.length ? strings.join(', ') : null
  }
  const date = (index: number): CardDate | null => {
    const t = text(index)
    return t === null ? null : { text: t, iso: cardDateToIso(t) }
  }
  const sex = text(DG13_FIELD.sex)
  const parents = parentNames(byIndex.get(DG13_FIELD.parents))
  return {
    version,
    oid,
    idNumber: text(DG13_FIELD.idNumber),
    fullName: text(DG13_FIELD.fullName),
    dateOfBirth: date(DG13_FIELD.dateOfBirth),
    sex,
    sexCode: sex === null ? null : sexFromVietnamese(sex),
    nationality: text(DG13_FIELD.nationality),
    ethnicity: text(DG13_FIELD.ethnicity),
    religion: text(DG13_FIELD.religion),
    placeOfOrigin: text(DG13_FIELD.placeOfOrigin),
    placeOfResidence: text(DG13_FIELD.placeOfResidence),
    personalIdentification: text(DG13_FIELD.personalIdentification),
    dateOfIssue: date(DG13_FIELD.dateOfIssue),
    dateOfExpiry: date(DG13_FIELD.dateOfExpiry),
    ...parents,
    spouseName: text(DG13_FIELD.spouse),
    oldIdNumber: text(DG13_FIELD.oldIdNumber),
    otherFields,
  }
}

/** Finds the field SEQUENCEs: in the SET of the usual layout, or directly in the outer SEQUENCE. */
function locateFields(items: readonly Tlv[]): {
  version: number | null
  oid: string | null
  fields: Tlv[]
} {
  const container =
    items.find((t) => t.tag === DER.SEQUENCE) ?? items.find((t) => t.tag === DER.SET)
  if (!container) throw new ParseError('dg13', 'no SEQUENCE or SET of fields')
  const inner = readTlvList(container.value)
  const versionTlv = inner.find((t) => t.tag === DER.INTEGER)
  const oidTlv = inner.find((t) => t.tag === DER.OID)
  const set = container.tag === DER.SET ? container : inner.find((t) => t.tag === DER.SET)
  const fields = (set ? readTlvList(set.value) : inner).filter((t) => t.tag === DER.SEQUENCE)
  return {
    version: versionTlv ? decodeSmallInteger(versionTlv) : null,
    oid: oidTlv ? decodeOidBody(oidTlv.value) : null,
    fields,
  }
}

/**
 * Field 13 is SEQUENCE { n, SEQUENCE { father }, SEQUENCE { mother } } on some cards and
 * SEQUENCE { n, SEQUENCE { father, mother } } on others; a bare list of strings is accepted too.
 */
function parentNames(
  values: readonly Tlv[] | undefined,
): Pick<Dg13, 'fatherName' | 'motherName' | 'parentsLayout'> {
  if (!values) return { fatherName: null, motherName: null, parentsLayout: null }
  const sequences = values.filter((v) => v.tag === DER.SEQUENCE)
  let names: (string | undefined)[]
  let layout: ParentsLayout
  if (sequences.length >= 2) {
    layout = 'separate'
    names = sequences.slice(0, 2).map((s) => stringsIn(readTlvList(s.value))[0])
  } else if (sequences.length === 1 && sequences[0]) {
    layout = 'combined'
    names = stringsIn(readTlvList(sequences[0].value))
  } else {
    layout = 'flat'
    names = stringsIn(values)
  }
  const clean = (s: string | undefined): string | null => (s && s.trim() !== '' ? s : null)
  return { fatherName: clean(names[0]), motherName: clean(names[1]), parentsLayout: layout }
}

/** Nesting deeper than this is not a DG13 any issuer writes; refusing it bounds the recursion. */
const MAX_DEPTH = 8

/** Every string under these TLVs, depth first, NFC-normalised. */
function stringsIn(values: readonly Tlv[], depth = 0): string[] {
  if (depth > MAX_DEPTH) throw new ParseError('dg13', 'values nested too deeply')
  const out: string[] = []
  for (const v of values) {
    if (STRING_TAGS.has(v.tag)) out.push(decodeString(v).normalize('NFC'))
    // A loop, not push(...inner): spreading a few hundred thousand strings overflows the stack.
    else if (v.constructed) for (const s of stringsIn(readTlvList(v.value), depth + 1)) out.push(s)
  }
  return out
}

function decodeString(v: Tlv): string {
  if (v.tag === 0x1e) {
    let s = ''
    for (let i = 0; i + 1 < v.value.length; i += 2) {
      s += String.fromCharCode(((v.value[i] ?? 0) << 8) | (v.value[i + 1] ?? 0))
    }
    return s
  }
  if (v.tag === 0x14) return Buffer.from(v.value).toString('latin1')
  return utf8.decode(v.value)
}
