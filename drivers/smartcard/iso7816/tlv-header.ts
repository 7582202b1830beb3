import { ParseError } from '../../../lib/parse-error'

export interface TlvHeader {
  tag: number
  /** Bytes of tag + length. */
  headerLength: number
  valueLength: number
}

const MAX_TAG_BYTES = 3
const MAX_LENGTH_BYTES = 4

/**
 * The outer BER-TLV header at the start of a file, to learn the file's size from its first bytes.
 * Returns null when `bytes` ends inside the header (read more); throws ParseError when the bytes
 * cannot start a TLV (padding, indefinite or absurd lengths).
 */
export function parseTlvHeader(bytes: Uint8Array): TlvHeader | null {
  const first = bytes[0]
  if (first === undefined) return null
  if (first === 0x00 || first === 0xff) {
    throw new ParseError('tlv', `file starts with ${first.toString(16)}, not a tag`)
  }
  let at = 1
  let tag = first
  if ((first & 0x1f) === 0x1f) {
    for (;;) {
      const next = bytes[at++]
      if (next === undefined) return null
      tag = tag * 256 + next
      if (at > MAX_TAG_BYTES) throw new ParseError('tlv', 'tag longer than 3 bytes')
      if ((next & 0x80) === 0) break
    }
  }
  const lengthByte = bytes[at++]
  if (lengthByte === undefined) return null
  if (lengthByte < 0x80) return { tag, headerLength: at, valueLength: lengthByte }
  const count = lengthByte & 0x7f
  if (count === 0) throw new ParseError('tlv', 'indefinite length')
  if (count > MAX_LENGTH_BYTES) throw new ParseError('tlv', `length field of ${count} bytes`)
  let valueLength = 0
  for (let i = 0; i < count; i++) {
    const b = bytes[at++]
    if (b === undefined) return null
    valueLength = valueLength * 256 + b
  }
  return { tag, headerLength: at, valueLength }
}
