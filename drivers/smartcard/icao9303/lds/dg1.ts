import { readTlvList, requireTlv, tlv } from '../../../../lib/asn1/tlv'
import { ParseError } from '../../../../lib/parse-error'
import { unwrapLdsFile } from './files'
import { parseMrz, type Mrz } from './mrz'
import { formatMrz, type MrzFields } from './mrz-build'

/** DG1 (ICAO 9303-10 §4.7.1): 61 { 5F1F <MRZ characters, no line breaks> }. */
export function parseDg1(bytes: Uint8Array): Mrz {
  const outer = unwrapLdsFile('DG1', bytes)
  const data = requireTlv(readTlvList(outer.value), 0x5f1f, 'dg1').value
  if (![90, 72, 88].includes(data.length)) {
    throw new ParseError('dg1', `MRZ data of ${data.length} bytes is not TD1, TD2 or TD3`)
  }
  return parseMrz(Buffer.from(data).toString('latin1'))
}

/** DG1 from fields; the check digits are computed. */
export function buildDg1(fields: MrzFields): Uint8Array {
  return encodeDg1(formatMrz(fields))
}

/** DG1 holding MRZ lines as given (used to replay an MRZ exactly, bad check digits included). */
export function encodeDg1(lines: readonly string[]): Uint8Array {
  return tlv(0x61, tlv(0x5f1f, Buffer.from(lines.join(''), 'latin1')))
}
