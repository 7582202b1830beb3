/**
 * How one notice becomes the short messages an SMSC accepts (SMPP 3.4 §5.2.19, GSM 03.40 §9.2.3.24).
 * A Vietnamese notice always has diacritics, so it goes as UCS-2 (UTF-16BE, data_coding 8); a text
 * of plain printable ASCII goes as IA5 (data_coding 1). A short_message holds 140 octets; a longer
 * text is cut into parts that each start with a 6-octet concatenation header, so a phone shows one
 * message again.
 */

export const DATA_CODING_IA5 = 0x01
export const DATA_CODING_UCS2 = 0x08
/** esm_class bit saying the short_message starts with a user data header. */
export const ESM_CLASS_UDHI = 0x40

const OCTETS_PER_MESSAGE = 140
const CONCAT_HEADER_OCTETS = 6
const MAX_PARTS = 255

export interface SmsPart {
  dataCoding: number
  esmClass: number
  /** The short_message octets, header included when there is one. */
  shortMessage: Buffer
}

/** A short_message whose octets do not form text in its data coding. */
export class SmsFormatError extends Error {
  constructor(detail: string) {
    super(detail)
    this.name = 'SmsFormatError'
  }
}

export class SmsTooLongError extends Error {
  constructor(readonly parts: number) {
    super(`the text needs ${parts} parts; a concatenated message holds at most ${MAX_PARTS}`)
    this.name = 'SmsTooLongError'
  }
}

/** Printable ASCII only: what IA5 carries one octet per character on every SMSC. */
function isPlainAscii(text: string): boolean {
  return /^[\x20-\x7e\r\n]*$/.test(text)
}

function encode(text: string, ucs2: boolean): Buffer {
  if (!ucs2) return Buffer.from(text, 'latin1')
  const le = Buffer.from(text, 'utf16le')
  return le.swap16()
}

/**
 * Cuts `octets` into pieces of at most `size`, never between the two halves of a UTF-16 surrogate
 * pair (a character outside the BMP would become two broken ones).
 */
function cut(octets: Buffer, size: number, ucs2: boolean): Buffer[] {
  const pieces: Buffer[] = []
  let start = 0
  while (start < octets.length) {
    let end = Math.min(start + size, octets.length)
    if (ucs2 && end < octets.length) {
      const lastUnit = octets.readUInt16BE(end - 2)
      if (lastUnit >= 0xd800 && lastUnit <= 0xdbff) end -= 2
    }
    pieces.push(octets.subarray(start, end))
    start = end
  }
  return pieces
}

/**
 * The parts of `text`. `reference` (0–255) ties the parts of one message together on the phone:
 * the caller gives a different one to each long message it sends to the same number.
 */
export function smsParts(text: string, reference: number): SmsPart[] {
  const ucs2 = !isPlainAscii(text)
  const dataCoding = ucs2 ? DATA_CODING_UCS2 : DATA_CODING_IA5
  const octets = encode(text.normalize('NFC'), ucs2)
  if (octets.length <= OCTETS_PER_MESSAGE) {
    return [{ dataCoding, esmClass: 0, shortMessage: Buffer.from(octets) }]
  }
  const pieces = cut(octets, OCTETS_PER_MESSAGE - CONCAT_HEADER_OCTETS, ucs2)
  if (pieces.length > MAX_PARTS) throw new SmsTooLongError(pieces.length)
  return pieces.map((piece, i) => ({
    dataCoding,
    esmClass: ESM_CLASS_UDHI,
    // IEI 0x00: concatenated message, 8-bit reference, total parts, this part (from 1).
    shortMessage: Buffer.concat([
      Buffer.from([0x05, 0x00, 0x03, reference & 0xff, pieces.length, i + 1]),
      piece,
    ]),
  }))
}

/** The text a phone shows for `parts` (what the SMSC simulator records); the inverse of smsParts. */
export function textOfParts(parts: readonly SmsPart[]): string {
  const bodies = parts.map((p) =>
    p.esmClass & ESM_CLASS_UDHI
      ? p.shortMessage.subarray((p.shortMessage[0] ?? 0) + 1)
      : p.shortMessage,
  )
  const octets = Buffer.concat(bodies)
  const ucs2 = parts[0]?.dataCoding === DATA_CODING_UCS2
  if (ucs2 && octets.length % 2 !== 0) throw new SmsFormatError('UCS-2 text of an odd length')
  return ucs2 ? Buffer.from(octets).swap16().toString('utf16le') : octets.toString('latin1')
}
