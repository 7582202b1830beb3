import { beforeAll, describe, expect, it } from 'vitest'
import { derInteger, derNull, derOid, derSequence, derUtf8 } from '../../lib/asn1/der'
import { tlv } from '../../lib/asn1/tlv'
import { concat, fromHex } from '../../lib/bytes'
import { ParseError } from '../../lib/parse-error'
import { parseDg13 } from '../../drivers/smartcard/cccd/dg13'
import { buildDg13 } from '../../drivers/smartcard/cccd/dg13-build'
import { decodeEcSubjectPublicKeyInfoBytes } from '../../drivers/smartcard/icao9303/crypto/ec/ec-public-key'
import { parseSecurityInfos } from '../../drivers/smartcard/icao9303/security-infos'
import { parseCertificate } from '../../drivers/smartcard/pki/certificate'
import { decodePem } from '../../drivers/smartcard/pki/pem'
import { OID } from '../../drivers/smartcard/pki/oids'

/**
 * Hostile chip files of 1 MiB, each timed against parsing a valid 1 MiB DG13 in the same run, so
 * the budget follows the machine's speed. Quadratic decoding (BigInts built byte by byte, padding
 * rescanned at every byte) took minutes on these inputs; linear decoding stays within a small
 * multiple of reading a valid file. The floor keeps a sub-millisecond refusal from failing on a
 * timer tick or a GC pause of a loaded two-core machine.
 */
const MiB = 1 << 20
const BUDGET_RATIO = 20
const BUDGET_FLOOR_MS = 50
const RUNS = 3

/** A TLV of `tag`: `length` bytes of `filler`, the first ones `head` and the last ones `tail`. */
function filled(
  tag: number,
  length: number,
  filler: number,
  {
    head = new Uint8Array(0),
    tail = new Uint8Array(0),
  }: { head?: Uint8Array; tail?: Uint8Array } = {},
): Uint8Array {
  const value = new Uint8Array(length).fill(filler)
  value.set(head, 0)
  value.set(tail, length - tail.length)
  return tlv(tag, value)
}

/** `depth` SEQUENCEs inside each other around `core`, with 3-byte lengths (5-byte headers). */
function nested(depth: number, core: Uint8Array): Uint8Array {
  const out = new Uint8Array(depth * 5 + core.length)
  for (let level = 0; level < depth; level++) {
    const inside = (depth - level - 1) * 5 + core.length
    out.set([0x30, 0x83, (inside >> 16) & 0xff, (inside >> 8) & 0xff, inside & 0xff], level * 5)
  }
  out.set(core, depth * 5)
  return out
}

/** The fuzzer's DG13 (6D { 30 { 02 01 01, 31 { 30 { INTEGER of 0x21…, 0C 01 78 } } } }), to `size`. */
function dg13WithLongFieldNumber(size: number): Uint8Array {
  const overhead = 5 * 4 + 3 + 3 + 5 // four 5-byte headers, version, the string, the INTEGER header
  const integer = filled(0x02, size - overhead, 0x21)
  const field = tlv(0x30, integer, fromHex('0c0178'))
  return tlv(0x6d, tlv(0x30, fromHex('020101'), tlv(0x31, field)))
}

/** A valid DG13 grown to `size` with extra fields the length of real ones (an address, a name). */
function validDg13(size: number): Uint8Array {
  const text = 'Số 1, Phường Bến Nghé, Quận 1, TP Hồ Chí Minh'
  const fieldSize = Buffer.byteLength(text) + 2 + 4 + 2 // string header, INTEGER, SEQUENCE header
  const count = Math.floor((size - 700) / fieldSize)
  return buildDg13({
    idNumber: '001099012345',
    fullName: 'Nguyễn Văn A',
    dateOfBirth: '1999-03-15',
    sex: 'M',
    ethnicity: 'Kinh',
    religion: 'Không',
    placeOfOrigin: 'Hà Nội',
    placeOfResidence: text,
    personalIdentification: 'Nốt ruồi C:1cm trên trước mép phải',
    dateOfIssue: '2021-01-01',
    dateOfExpiry: '2039-03-15',
    otherFields: Array.from({ length: count }, (_, i) => ({
      index: 0x10000 + i,
      value: derUtf8(text),
    })),
  })
}

const rsaAlgorithm = derSequence(derOid(OID.sha256WithRsa), derNull())

/** Each input, the parser a chip file of its kind goes through, and what that parser must answer. */
const hostileInputs: [
  string,
  Uint8Array,
  (bytes: Uint8Array) => unknown,
  'ParseError' | 'parsed',
][] = [
  [
    'an X.509 version INTEGER of 1 MiB',
    tlv(
      0x30,
      tlv(0x30, tlv(0xa0, filled(0x02, MiB, 0x21))),
      rsaAlgorithm,
      tlv(0x03, fromHex('00ab')),
    ),
    parseCertificate,
    'ParseError',
  ],
  [
    'an explicit EC prime of 1 MiB',
    derSequence(
      derSequence(
        derOid(OID.ecPublicKey),
        derSequence(
          derInteger(1),
          derSequence(derOid('1.2.840.10045.1.1'), filled(0x02, MiB, 0x21)),
          derSequence(tlv(0x04, fromHex('01')), tlv(0x04, fromHex('02'))),
          tlv(0x04, fromHex('04')),
          derInteger(7),
        ),
      ),
      tlv(0x03, fromHex('0004')),
    ),
    decodeEcSubjectPublicKeyInfoBytes,
    'ParseError',
  ],
  [
    'a SecurityInfo OID of one endless 1 MiB arc',
    tlv(0x31, tlv(0x30, filled(0x06, MiB, 0x81, { tail: fromHex('01') }))),
    parseSecurityInfos,
    'ParseError',
  ],
  [
    'a DG13 OID of a million one-byte arcs',
    tlv(0x6d, tlv(0x30, fromHex('020101'), filled(0x06, MiB, 0x01, { head: fromHex('2b') }))),
    parseDg13,
    'parsed',
  ],
  [
    'a DG13 field nested 209 716 SEQUENCEs deep',
    tlv(
      0x6d,
      tlv(0x30, tlv(0x31, tlv(0x30, fromHex('020102'), nested(Math.ceil(MiB / 5), derUtf8('x'))))),
    ),
    parseDg13,
    'ParseError',
  ],
  ['the fuzzer’s DG13 scaled to 1 MiB', dg13WithLongFieldNumber(MiB), parseDg13, 'ParseError'],
  [
    'a trust file of 1 MiB of PEM BEGIN lines, none ended',
    new Uint8Array(
      Buffer.from('-----BEGIN CERTIFICATE-----\nMIIB\n'.repeat(Math.ceil(MiB / 33)), 'latin1'),
    ),
    (bytes: Uint8Array) => decodePem(Buffer.from(bytes).toString('latin1')),
    'parsed',
  ],
  [
    'a DG13 of 1 MiB of 00 padding before its SEQUENCE',
    tlv(0x6d, concat(new Uint8Array(MiB), fromHex('3000'))),
    parseDg13,
    'parsed',
  ],
]

/** What parsing gave: a result, the typed refusal, or something that escaped (a bug). */
function outcome(parse: () => unknown): string {
  try {
    parse()
    return 'parsed'
  } catch (error) {
    return error instanceof ParseError ? 'ParseError' : `escaped: ${String(error)}`
  }
}

/** The fastest of RUNS runs, in ms (the least disturbed by the rest of the machine), and the outcome. */
function fastest(parse: () => unknown): { ms: number; outcome: string } {
  let ms = Infinity
  let result = ''
  for (let i = 0; i < RUNS; i++) {
    const start = performance.now()
    result = outcome(parse)
    ms = Math.min(ms, performance.now() - start)
  }
  return { ms, outcome: result }
}

describe('hostile 1 MiB ASN.1 inputs take time linear in their size', () => {
  const valid = validDg13(MiB)
  let validMs = 0
  let budgetMs = 0
  beforeAll(() => {
    validMs = fastest(() => parseDg13(valid)).ms
    budgetMs = Math.max(BUDGET_RATIO * validMs, BUDGET_FLOOR_MS)
  })

  it('the valid DG13 used as the yardstick is about 1 MiB and parses', () => {
    expect(valid.length).toBeGreaterThan(0.9 * MiB)
    expect(valid.length).toBeLessThan(1.1 * MiB)
    expect(parseDg13(valid).otherFields.length).toBeGreaterThan(15_000)
  })

  it.each(hostileInputs)('%s', (_, bytes, parse, expected) => {
    expect(bytes.length).toBeGreaterThanOrEqual(MiB)
    expect(bytes.length).toBeLessThan(MiB + 1024)
    const hostile = fastest(() => parse(bytes))
    expect(hostile.outcome).toBe(expected)
    expect(
      hostile.ms,
      `valid ${validMs.toFixed(1)} ms, budget ${budgetMs.toFixed(1)} ms`,
    ).toBeLessThan(budgetMs)
  })
})
