import { concat, unsignedBigInt } from '../bytes'
import { ParseError } from '../parse-error'
import { tlv, type Tlv } from './tlv'

/** Universal DER tags used by CMS, X.509 and the LDS security objects. */
export const DER = {
  BOOLEAN: 0x01,
  INTEGER: 0x02,
  BIT_STRING: 0x03,
  OCTET_STRING: 0x04,
  NULL: 0x05,
  OID: 0x06,
  UTF8_STRING: 0x0c,
  PRINTABLE_STRING: 0x13,
  IA5_STRING: 0x16,
  UTC_TIME: 0x17,
  GENERALIZED_TIME: 0x18,
  SEQUENCE: 0x30,
  SET: 0x31,
} as const

// ---- encoders -------------------------------------------------------------------------------

export const derSequence = (...items: readonly Uint8Array[]): Uint8Array =>
  tlv(DER.SEQUENCE, ...items)

/** SET OF with DER ordering (elements sorted by their encodings), as signed attributes need. */
export function derSet(...items: readonly Uint8Array[]): Uint8Array {
  const sorted = [...items].sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)))
  return tlv(DER.SET, ...sorted)
}

export const derOctetString = (value: Uint8Array): Uint8Array => tlv(DER.OCTET_STRING, value)
export const derNull = (): Uint8Array => Uint8Array.of(DER.NULL, 0)
export const derBoolean = (value: boolean): Uint8Array =>
  Uint8Array.of(DER.BOOLEAN, 1, value ? 0xff : 0)
export const derBitString = (value: Uint8Array, unusedBits = 0): Uint8Array =>
  tlv(DER.BIT_STRING, Uint8Array.of(unusedBits), value)
export const derUtf8 = (text: string): Uint8Array => tlv(DER.UTF8_STRING, Buffer.from(text, 'utf8'))
export const derPrintable = (text: string): Uint8Array =>
  tlv(DER.PRINTABLE_STRING, Buffer.from(text, 'latin1'))

/** Context-specific tag [n]; constructed unless `primitive`. */
export function derContext(n: number, value: Uint8Array, primitive = false): Uint8Array {
  return tlv((primitive ? 0x80 : 0xa0) | n, value)
}

export function derInteger(value: bigint | number): Uint8Array {
  let v = BigInt(value)
  if (v < 0n) throw new RangeError('negative INTEGER not supported')
  const bytes: number[] = []
  do {
    bytes.unshift(Number(v & 0xffn))
    v >>= 8n
  } while (v > 0n)
  if ((bytes[0] ?? 0) & 0x80) bytes.unshift(0)
  return tlv(DER.INTEGER, Uint8Array.from(bytes))
}

/** INTEGER from unsigned big-endian bytes (a modulus, a serial number). */
export function derIntegerFromBytes(unsigned: Uint8Array): Uint8Array {
  let start = 0
  while (start < unsigned.length - 1 && unsigned[start] === 0) start++
  const body = unsigned.subarray(start)
  return tlv(DER.INTEGER, (body[0] ?? 0) & 0x80 ? concat(Uint8Array.of(0), body) : body)
}

export function derOid(dotted: string): Uint8Array {
  return tlv(DER.OID, encodeOidBody(dotted))
}

export function encodeOidBody(dotted: string): Uint8Array {
  const arcs = dotted.split('.').map((s) => {
    if (!/^\d+$/.test(s)) throw new RangeError(`bad OID ${dotted}`)
    return BigInt(s)
  })
  const [a, b, ...rest] = arcs
  if (a === undefined || b === undefined) throw new RangeError(`bad OID ${dotted}`)
  const out: number[] = []
  for (const arc of [a * 40n + b, ...rest]) {
    const chunk: number[] = []
    let v = arc
    do {
      chunk.unshift(Number(v & 0x7fn))
      v >>= 7n
    } while (v > 0n)
    for (let i = 0; i < chunk.length - 1; i++) chunk[i] = (chunk[i] ?? 0) | 0x80
    out.push(...chunk)
  }
  return Uint8Array.from(out)
}

/** UTCTime for years 1950–2049, GeneralizedTime otherwise (RFC 5280). */
export function derTime(date: Date): Uint8Array {
  const iso = date.toISOString() // YYYY-MM-DDTHH:MM:SS.sssZ
  const year = date.getUTCFullYear()
  const digits = iso.slice(0, 19).replace(/[-:T]/g, '')
  if (year >= 1950 && year < 2050) return tlv(DER.UTC_TIME, Buffer.from(`${digits.slice(2)}Z`))
  return tlv(DER.GENERALIZED_TIME, Buffer.from(`${digits}Z`))
}

// ---- decoders -------------------------------------------------------------------------------

export function expectTag(node: Tlv, tag: number, what: string): Tlv {
  if (node.tag !== tag) {
    throw new ParseError(what, `expected tag ${tag.toString(16)}, found ${node.tag.toString(16)}`)
  }
  return node
}

export function decodeOid(node: Tlv): string {
  expectTag(node, DER.OID, 'asn1')
  return decodeOidBody(node.value)
}

/**
 * The longest INTEGER body we decode, checked before any value is built: 1025 bytes, an 8192-bit
 * value and its sign byte. The largest INTEGERs a card, a certificate or a master list gives us are
 * key material: RSA moduli of CSCA, document-signer and DG15 keys (ICAO 9303-12 goes up to 4096
 * bits; node:crypto reads those, not us) and the explicit EC primes decodeExplicitParameters takes
 * (at most 1024 bits). Twice the largest RSA key leaves room for keys we have not met; anything
 * longer is a hostile or broken file, and refusing it keeps decoding linear.
 */
export const MAX_INTEGER_BYTES = 1025

/**
 * The longest OID arc we decode: 9 base-128 bytes, 63 bits. ICAO, BSI, X.509 and the CCCD's arcs
 * fit in 4; only UUID arcs under 2.25 are longer, and no eMRTD or PKI structure we read uses them.
 */
export const MAX_OID_ARC_BYTES = 9

/** Arcs this short fit a Number exactly (7 × 7 = 49 bits < 2^53). */
const NUMBER_ARC_BYTES = 7

/** A dotted OID from its body, in time linear in the body; arcs over MAX_OID_ARC_BYTES are refused. */
export function decodeOidBody(body: Uint8Array): string {
  if (body.length === 0) throw new ParseError('asn1', 'empty OID')
  const arcs: (number | bigint)[] = []
  let start = 0
  for (let i = 0; i < body.length; i++) {
    if (i - start >= MAX_OID_ARC_BYTES) {
      throw new ParseError('asn1', `OID arc longer than ${MAX_OID_ARC_BYTES} bytes`)
    }
    if (!((body[i] ?? 0) & 0x80)) {
      arcs.push(oidArc(body, start, i + 1))
      start = i + 1
    }
  }
  if (start !== body.length) throw new ParseError('asn1', 'truncated OID')
  const [first, ...rest] = arcs
  if (first === undefined) throw new ParseError('asn1', 'empty OID')
  return [...splitFirstArc(first), ...rest].join('.')
}

/** The first arc packs two: 40·a + b, with a = 2 for every value from 80 on. */
function splitFirstArc(first: number | bigint): (number | bigint)[] {
  if (typeof first === 'bigint') return [2, first - 80n]
  return first < 80 ? [Math.floor(first / 40), first % 40] : [2, first - 80]
}

function oidArc(body: Uint8Array, start: number, end: number): number | bigint {
  if (end - start <= NUMBER_ARC_BYTES) {
    let value = 0
    for (let i = start; i < end; i++) value = value * 128 + ((body[i] ?? 0) & 0x7f)
    return value
  }
  let value = 0n
  for (let i = start; i < end; i++) value = (value << 7n) | BigInt((body[i] ?? 0) & 0x7f)
  return value
}

/** A two's-complement INTEGER; bodies over MAX_INTEGER_BYTES are refused before any decoding. */
export function decodeInteger(node: Tlv): bigint {
  expectTag(node, DER.INTEGER, 'asn1')
  const body = node.value
  if (body.length === 0) throw new ParseError('asn1', 'empty INTEGER')
  if (body.length > MAX_INTEGER_BYTES) {
    throw new ParseError('asn1', `INTEGER of ${body.length} bytes (limit ${MAX_INTEGER_BYTES})`)
  }
  const unsigned = unsignedBigInt(body)
  return (body[0] ?? 0) & 0x80 ? unsigned - (1n << BigInt(body.length * 8)) : unsigned
}

/** A small non-negative INTEGER (versions, ids) as a number. */
export function decodeSmallInteger(node: Tlv): number {
  const v = decodeInteger(node)
  if (v < 0n || v > BigInt(Number.MAX_SAFE_INTEGER))
    throw new ParseError('asn1', 'INTEGER out of range')
  return Number(v)
}

export function decodeBoolean(node: Tlv): boolean {
  expectTag(node, DER.BOOLEAN, 'asn1')
  if (node.value.length !== 1) throw new ParseError('asn1', 'BOOLEAN of wrong length')
  return node.value[0] !== 0
}

/** BIT STRING contents without the unused-bits byte; `unusedBits` says how many low bits to ignore. */
export function decodeBitString(node: Tlv): { bytes: Uint8Array; unusedBits: number } {
  expectTag(node, DER.BIT_STRING, 'asn1')
  const unusedBits = node.value[0]
  if (unusedBits === undefined || unusedBits > 7) throw new ParseError('asn1', 'bad BIT STRING')
  if (unusedBits > 0 && node.value.length === 1) throw new ParseError('asn1', 'bad BIT STRING')
  return { bytes: node.value.subarray(1), unusedBits }
}

/** UTCTime (YYMMDDHHMMSSZ, 1950–2049) or GeneralizedTime (YYYYMMDDHHMMSSZ), as RFC 5280 allows. */
export function decodeTime(node: Tlv): Date {
  const text = Buffer.from(node.value).toString('latin1')
  let match: RegExpExecArray | null
  let year: number
  if (node.tag === DER.UTC_TIME && (match = /^(\d{2})(\d{10})Z$/.exec(text))) {
    const yy = Number(match[1])
    year = yy < 50 ? 2000 + yy : 1900 + yy
  } else if (node.tag === DER.GENERALIZED_TIME && (match = /^(\d{4})(\d{10})Z$/.exec(text))) {
    year = Number(match[1])
  } else {
    throw new ParseError('asn1', `unsupported time ${text.slice(0, 20)}`)
  }
  const rest = match[2] ?? ''
  const [month, day, hour, minute, second] = [0, 2, 4, 6, 8].map((i) =>
    Number(rest.slice(i, i + 2)),
  )
  const date = new Date(
    Date.UTC(year, (month ?? 0) - 1, day ?? 0, hour ?? 0, minute ?? 0, second ?? 0),
  )
  if (
    date.getUTCMonth() !== (month ?? 0) - 1 ||
    date.getUTCDate() !== day ||
    (hour ?? 0) > 23 ||
    (minute ?? 0) > 59 ||
    (second ?? 0) > 59
  ) {
    throw new ParseError('asn1', `invalid time ${text}`)
  }
  return date
}

/** The full TLV bytes (tag, length, value) of `child`, one of the values read from `parent.value`. */
export function rawChild(parent: Tlv, child: Tlv): Uint8Array {
  return parent.value.subarray(child.offset, child.offset + child.size)
}
