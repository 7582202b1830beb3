import fc from 'fast-check'
import { brotliCompressSync, deflateSync } from 'node:zlib'
import { describe, expect, it } from 'vitest'
import { FontFormatError, fontCodePoints } from './font-cmap'

type Range = [number, number]

const u16 = (n: number) => [(n >> 8) & 0xff, n & 0xff]
const u32 = (n: number) => [...u16(Math.floor(n / 0x10000)), ...u16(n % 0x10000)]
const ascii = (tag: string) => [...tag].map((c) => c.charCodeAt(0))

/** Sorted, disjoint, non-adjacent ranges covering the same code points. */
function normalise(ranges: Range[]): Range[] {
  const merged: Range[] = []
  for (const [a, b] of ranges
    .map(([x, y]): Range => [Math.min(x, y), Math.max(x, y)])
    .sort((p, q) => p[0] - q[0])) {
    const last = merged.at(-1)
    if (last && a <= last[1] + 1) last[1] = Math.max(last[1], b)
    else merged.push([a, b])
  }
  return merged
}

/** A cmap with one format 12 subtable (3,10): glyphs 1, 2, 3… in code point order. */
function format12Cmap(ranges: Range[]): Uint8Array {
  let glyph = 1
  const groups = ranges.flatMap(([a, b]) => {
    const group = [...u32(a), ...u32(b), ...u32(glyph)]
    glyph += b - a + 1
    return group
  })
  const subtable = [...u16(12), 0, 0, ...u32(16 + groups.length), ...u32(0)]
  subtable.push(...u32(groups.length / 12), ...groups)
  return Uint8Array.from([...u16(0), ...u16(1), ...u16(3), ...u16(10), ...u32(12), ...subtable])
}

/** A cmap with one format 4 subtable (3,1) of BMP ranges, by deltas. */
function format4Cmap(ranges: Range[]): Uint8Array {
  const segments: Range[] = [...ranges, [0xffff, 0xffff]]
  let glyph = 1
  const deltas = segments.map(([a, b]) => {
    if (a === 0xffff) return 1
    const delta = (glyph - a + 0x10000) % 0x10000
    glyph += b - a + 1
    return delta
  })
  const n = segments.length
  const body = [
    ...segments.flatMap(([, b]) => u16(b)),
    0,
    0,
    ...segments.flatMap(([a]) => u16(a)),
    ...deltas.flatMap(u16),
    ...segments.flatMap(() => u16(0)),
  ]
  const subtable = [...u16(4), ...u16(14 + body.length), ...u16(0), ...u16(n * 2)]
  subtable.push(...u16(0), ...u16(0), ...u16(0), ...body)
  return Uint8Array.from([...u16(0), ...u16(1), ...u16(3), ...u16(1), ...u32(12), ...subtable])
}

const otherTable = Uint8Array.from(Array.from({ length: 37 }, (_, i) => (i * 7) % 256))

function sfnt(tables: [string, Uint8Array][]): Uint8Array {
  const head = [...u32(0x10000), ...u16(tables.length), 0, 0, 0, 0, 0, 0]
  let offset = 12 + tables.length * 16
  const records: number[] = []
  const data: number[] = []
  for (const [tag, bytes] of tables) {
    records.push(...ascii(tag), ...u32(0), ...u32(offset), ...u32(bytes.length))
    const padded = [...bytes, ...Array<number>((4 - (bytes.length % 4)) % 4).fill(0)]
    data.push(...padded)
    offset += padded.length
  }
  return Uint8Array.from([...head, ...records, ...data])
}

function woff(tables: [string, Uint8Array][]): Uint8Array {
  const header = [...ascii('wOFF'), ...u32(0x10000), ...u32(0), ...u16(tables.length), 0, 0]
  header.push(...Array<number>(44 - 16).fill(0))
  let offset = 44 + tables.length * 20
  const entries: number[] = []
  const data: number[] = []
  for (const [tag, bytes] of tables) {
    const packed = deflateSync(bytes)
    const stored = packed.length < bytes.length ? [...packed] : [...bytes]
    entries.push(...ascii(tag), ...u32(offset), ...u32(stored.length), ...u32(bytes.length))
    entries.push(...u32(0))
    data.push(...stored)
    offset += stored.length
  }
  return Uint8Array.from([...header, ...entries, ...data])
}

/** WOFF2 with null-transformed tables: cmap by its known index, the other by an explicit tag. */
function woff2(tables: [string, Uint8Array][]): Uint8Array {
  const directory = tables.flatMap(([tag, bytes]) => [
    ...(tag === 'cmap' ? [0] : [63, ...ascii(tag)]),
    ...base128(bytes.length),
  ])
  const stream = brotliCompressSync(Buffer.concat(tables.map(([, bytes]) => bytes)))
  const header = [...ascii('wOF2'), ...u32(0x10000), ...u32(0), ...u16(tables.length), 0, 0]
  header.push(...u32(0), ...u32(stream.length))
  header.push(...Array<number>(48 - header.length).fill(0))
  return Uint8Array.from([...header, ...directory, ...stream])
}

function base128(value: number): number[] {
  const bytes = [value & 0x7f]
  for (let rest = Math.floor(value / 128); rest > 0; rest = Math.floor(rest / 128))
    bytes.unshift(0x80 | (rest & 0x7f))
  return bytes
}

const codesOf = (ranges: Range[]) => new Set(ranges.flatMap(([a, b]) => range(a, b)))
const range = (a: number, b: number) => Array.from({ length: b - a + 1 }, (_, i) => a + i)

const rangesIn = (max: number) =>
  fc
    .array(
      fc
        .tuple(fc.integer({ min: 1, max }), fc.integer({ min: 0, max: 40 }))
        .map(([a, width]): Range => [a, Math.min(max, a + width)]),
      { maxLength: 12 },
    )
    .map(normalise)

const containers = [sfnt, woff, woff2]

describe('font cmap reader', () => {
  it('reads back every code point of a format 12 cmap, in every container', () => {
    fc.assert(
      fc.property(rangesIn(0x10ffff), fc.constantFrom(...containers), (ranges, wrap) => {
        const font = wrap([
          ['cmap', format12Cmap(ranges)],
          ['zzzz', otherTable],
        ])
        expect(fontCodePoints(font)).toEqual(codesOf(ranges))
      }),
    )
  })

  it('reads back every code point of a format 4 cmap, in every container', () => {
    fc.assert(
      fc.property(rangesIn(0xfffe), fc.constantFrom(...containers), (ranges, wrap) => {
        const font = wrap([
          ['zzzz', otherTable],
          ['cmap', format4Cmap(ranges)],
        ])
        expect(fontCodePoints(font)).toEqual(codesOf(ranges))
      }),
    )
  })

  it('answers broken input with a FontFormatError only', () => {
    const valid = [sfnt, woff, woff2].map((wrap) => wrap([['cmap', format12Cmap([[65, 90]])]]))
    const mutated = fc
      .tuple(
        fc.constantFrom(...valid),
        fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { maxLength: 6 }),
        fc.nat(),
      )
      .map(([font, edits, cut]) => {
        const copy = Uint8Array.from(font)
        for (const [at, byte] of edits) copy[at % copy.length] = byte
        return copy.subarray(0, Math.max(4, cut % (copy.length + 1)))
      })
    fc.assert(
      fc.property(fc.oneof(fc.uint8Array({ maxLength: 200 }), mutated), (bytes) => {
        try {
          expect(fontCodePoints(bytes)).toBeInstanceOf(Set)
        } catch (error) {
          expect(error).toBeInstanceOf(FontFormatError)
        }
      }),
    )
  })

  it('refuses a file that is no font', () => {
    expect(() => fontCodePoints(new TextEncoder().encode('<html></html>'))).toThrow(FontFormatError)
  })
})
