import fc from 'fast-check'
import { encodeLength, joined } from './tlv-tree'

/** Inputs made from nothing, for the share of cases that is not a mutated seed. */

export const randomBytes = (maxLength = 512): fc.Arbitrary<Uint8Array> =>
  fc.uint8Array({ maxLength })

/** Tags ICAO files and DER use, plus a few that mean nothing. */
export const COMMON_TAGS = [
  0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x0c, 0x13, 0x16, 0x17, 0x18, 0x30, 0x31, 0x5c, 0x60, 0x61,
  0x6d, 0x6e, 0x6f, 0x75, 0x77, 0x7c, 0x80, 0x81, 0x82, 0x86, 0x87, 0x8e, 0x99, 0xa0, 0xa1, 0xa3,
  0x5f01, 0x5f1f, 0x5f2e, 0x5f36, 0x7f2e, 0x7f49, 0x7f60, 0x7f61,
] as const

function tagBytes(tag: number): Uint8Array {
  const out: number[] = []
  for (let v = tag; v > 0; v = Math.floor(v / 256)) out.unshift(v & 0xff)
  return Uint8Array.from(out.length ? out : [0])
}

function tlv(tag: number, value: Uint8Array): Uint8Array {
  return joined(tagBytes(tag), encodeLength(value.length), value)
}

/** Random but well-formed TLV trees (the tag says constructed or not; values fit their lengths). */
export function randomTlv(
  tags: readonly number[] = COMMON_TAGS,
  maxDepth = 5,
): fc.Arbitrary<Uint8Array> {
  const tag = fc.oneof(
    { weight: 5, arbitrary: fc.constantFrom(...tags) },
    { weight: 1, arbitrary: fc.integer({ min: 1, max: 0xfe }) },
  )
  const { node } = fc.letrec<{ node: Uint8Array }>((tie) => ({
    node: fc.oneof(
      { depthSize: 'small', maxDepth },
      fc.tuple(tag, fc.uint8Array({ maxLength: 24 })).map(([t, v]) => tlv(t, v)),
      fc
        .tuple(tag, fc.array(tie('node'), { maxLength: 5 }))
        .map(([t, kids]) => tlv(t | (t < 0x100 ? 0x20 : 0), joined(...kids))),
    ),
  }))
  return node
}

/** Text over `alphabet` (with a few stray characters), as UTF-8. */
export function randomText(alphabet: string, maxLength = 200): fc.Arbitrary<Uint8Array> {
  const chars = [...alphabet]
  return fc
    .array(
      fc.oneof(
        { weight: 9, arbitrary: fc.constantFrom(...chars) },
        { weight: 1, arbitrary: fc.string({ maxLength: 1, unit: 'grapheme' }) },
      ),
      {
        maxLength,
      },
    )
    .map((cs) => new Uint8Array(Buffer.from(cs.join(''), 'utf8')))
}

/** Random JSON documents, as UTF-8. */
export const randomJson = (maxDepth = 4): fc.Arbitrary<Uint8Array> =>
  fc.json({ maxDepth }).map((text) => new Uint8Array(Buffer.from(text, 'utf8')))

/** A selector byte followed by a generated body: for targets whose first byte picks an entry point. */
export function withSelector(body: fc.Arbitrary<Uint8Array>): fc.Arbitrary<Uint8Array> {
  return fc
    .tuple(fc.integer({ min: 0, max: 255 }), body)
    .map(([s, b]) => joined(Uint8Array.of(s), b))
}

/**
 * Smallest chunk when a target cuts its input into pushes: at most 20 000 pushes per case, so the
 * harness's own calls never make a linear parser look slow on a 1 MiB input.
 */
export const minChunk = (length: number): number => Math.ceil(length / 20_000)
