import { concat } from '../bytes'
import { ParseError } from '../parse-error'

/**
 * BER-TLV as ISO 7816-4 and ICAO 9303 use it (also enough for DER). Tags are kept as the number formed
 * by their bytes (0x5F1F, 0x7F61, 0x30…) because that is how the specifications name them.
 */
export interface Tlv {
  tag: number
  constructed: boolean
  value: Uint8Array
  /** Offset of the tag within the buffer it was read from. */
  offset: number
  /** Tag + length + value, in bytes. */
  size: number
}

const MAX_TAG_BYTES = 3
const MAX_LENGTH_BYTES = 4

/** Reads one TLV at `offset`. Throws ParseError on truncation, indefinite length or absurd sizes. */
export function readTlv(buf: Uint8Array, offset = 0): Tlv {
  let at = offset
  const first = byteAt(buf, at++)
  let tag = first
  if ((first & 0x1f) === 0x1f) {
    let next: number
    let count = 1
    do {
      next = byteAt(buf, at++)
      tag = tag * 256 + next
      if (++count > MAX_TAG_BYTES) throw new ParseError('tlv', `tag too long at ${offset}`)
    } while (next & 0x80)
  }
  const lengthByte = byteAt(buf, at++)
  let length: number
  if (lengthByte < 0x80) {
    length = lengthByte
  } else {
    const count = lengthByte & 0x7f
    if (count === 0) throw new ParseError('tlv', `indefinite length at ${offset}`)
    if (count > MAX_LENGTH_BYTES) throw new ParseError('tlv', `length field too long at ${offset}`)
    length = 0
    for (let i = 0; i < count; i++) length = length * 256 + byteAt(buf, at++)
  }
  if (at + length > buf.length) {
    throw new ParseError(
      'tlv',
      `value of tag ${tag.toString(16)} overruns the data (${length} bytes)`,
    )
  }
  return {
    tag,
    constructed: (first & 0x20) !== 0,
    value: buf.subarray(at, at + length),
    offset,
    size: at + length - offset,
  }
}

/**
 * Reads consecutive TLVs filling `buf` exactly. With `allowPadding`, 00 and FF bytes before, between
 * and after them are skipped, as ISO 7816-4 (5.2.2.1) allows: neither can start a tag. Skipping
 * them one by one keeps the walk linear (testing "is the rest padding?" at each one did not).
 */
export function readTlvList(buf: Uint8Array, options: { allowPadding?: boolean } = {}): Tlv[] {
  const out: Tlv[] = []
  let at = 0
  while (at < buf.length) {
    if (options.allowPadding && (buf[at] === 0x00 || buf[at] === 0xff)) {
      at++
      continue
    }
    const tlv = readTlv(buf, at)
    out.push(tlv)
    at += tlv.size
  }
  return out
}

/** The children of a constructed TLV. */
export function children(tlv: Tlv): Tlv[] {
  if (!tlv.constructed)
    throw new ParseError('tlv', `tag ${tlv.tag.toString(16)} is not constructed`)
  return readTlvList(tlv.value)
}

/** First child with `tag`, or undefined. */
export function findTlv(list: readonly Tlv[], tag: number): Tlv | undefined {
  return list.find((t) => t.tag === tag)
}

/** First child with `tag`, or a ParseError naming what was expected. */
export function requireTlv(list: readonly Tlv[], tag: number, what: string): Tlv {
  const found = findTlv(list, tag)
  if (!found) throw new ParseError(what, `missing tag ${tag.toString(16).toUpperCase()}`)
  return found
}

/** Encodes a length in DER form (short form below 128). */
export function encodeLength(length: number): Uint8Array {
  if (length < 0x80) return Uint8Array.of(length)
  const bytes: number[] = []
  for (let v = length; v > 0; v = Math.floor(v / 256)) bytes.unshift(v & 0xff)
  return Uint8Array.from([0x80 | bytes.length, ...bytes])
}

export function encodeTag(tag: number): Uint8Array {
  const bytes: number[] = []
  for (let v = tag; v > 0; v = Math.floor(v / 256)) bytes.unshift(v & 0xff)
  return Uint8Array.from(bytes.length ? bytes : [0])
}

/** Builds one TLV; `value` may be several parts that are concatenated. */
export function tlv(tag: number, ...value: readonly Uint8Array[]): Uint8Array {
  const body = concat(...value)
  return concat(encodeTag(tag), encodeLength(body.length), body)
}

function byteAt(buf: Uint8Array, at: number): number {
  const b = buf[at]
  if (b === undefined) throw new ParseError('tlv', `truncated at byte ${at}`)
  return b
}
