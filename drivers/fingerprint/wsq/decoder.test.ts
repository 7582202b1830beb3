import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { decodeWsq } from './decoder'
import { encodeWsq } from './encoder'
import { WsqError } from './errors'
import { MARKER } from './markers'
import { gradientImage } from './test-support'

/** A small valid file to mutate: 40×36, so every block is present and short. */
const valid = encodeWsq(
  {
    width: 40,
    height: 36,
    pixels: gradientImage(40, 36).pixels.map((p, i) => (p + ((i * 7919) % 23)) & 255),
  },
  { bitRate: 2 },
)

function onlyWsqErrors(bytes: Uint8Array): boolean {
  try {
    decodeWsq(bytes, { maxPixels: 200_000 })
    return true
  } catch (error) {
    return error instanceof WsqError
  }
}

function codeOf(bytes: Uint8Array): string {
  try {
    decodeWsq(bytes)
    return 'decoded'
  } catch (error) {
    return error instanceof WsqError ? error.code : `not a WsqError: ${String(error)}`
  }
}

/** Offsets of the first segment with `marker` (its 0xFF byte). */
function find(marker: number): number {
  for (let i = 0; i + 1 < valid.length; i++)
    if (valid[i] === marker >> 8 && valid[i + 1] === (marker & 0xff)) return i
  throw new Error(`no ${marker.toString(16)}`)
}

describe('WSQ decoder on outside bytes', () => {
  it('decodes the valid sample', () => {
    expect(decodeWsq(valid).width).toBe(40)
  })

  it('random bytes fail with WsqError only', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 600 }), onlyWsqErrors), { numRuns: 400 })
  })

  it('random bytes after SOI fail with WsqError only', () => {
    const soi = Uint8Array.of(0xff, 0xa0)
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 600 }), (tail) =>
        onlyWsqErrors(new Uint8Array([...soi, ...tail])),
      ),
      { numRuns: 300 },
    )
  })

  it('mutated valid files decode or fail with WsqError only', () => {
    const mutation = fc.array(
      fc.tuple(fc.nat(valid.length - 1), fc.integer({ min: 0, max: 255 })),
      {
        minLength: 1,
        maxLength: 6,
      },
    )
    fc.assert(
      fc.property(mutation, fc.nat(valid.length), (changes, cut) => {
        const bytes = valid.slice(0, Math.max(cut, valid.length - 40 + (cut % 40)))
        for (const [at, value] of changes) if (at < bytes.length) bytes[at] = value
        return onlyWsqErrors(bytes)
      }),
      { numRuns: 500 },
    )
  })

  it('names what is wrong', () => {
    expect(codeOf(Uint8Array.of(0xff, 0xd8))).toBe('bad-marker')
    expect(codeOf(valid.slice(0, valid.length - 30))).toBe('truncated')
    expect(codeOf(valid.slice(0, 1))).toBe('truncated')
    const sof = find(MARKER.SOF)
    const huge = valid.slice()
    huge.set([0xff, 0xff, 0xff, 0xff], sof + 6) // height, width = 65535
    expect(codeOf(huge)).toBe('unsupported')
    const tiny = valid.slice()
    tiny.set([0, 8], sof + 6) // height 8
    expect(codeOf(tiny)).toBe('unsupported')
    const dht = find(MARKER.DHT)
    const badTable = valid.slice()
    // Move three codes to length 1: the count stays, but three 1-bit codes cannot be a prefix code.
    const from = [...badTable.subarray(dht + 5, dht + 21)].findIndex((n) => n >= 3)
    badTable[dht + 5 + from] = (badTable[dht + 5 + from] ?? 0) - 3
    badTable[dht + 5] = (badTable[dht + 5] ?? 0) + 3
    expect(codeOf(badTable)).toBe('bad-huffman')
    const noBlocks = Uint8Array.from([...valid.slice(0, find(MARKER.SOB)), 0xff, 0xa1])
    expect(codeOf(noBlocks)).toBe('bad-data')
  })

  it('reads COM segments anywhere and several tables in one DHT segment', () => {
    const dht = find(MARKER.DHT)
    const length = ((valid[dht + 2] ?? 0) << 8) | (valid[dht + 3] ?? 0)
    const table0 = valid.slice(dht + 4, dht + 2 + length)
    // The same table again under id 5, in the same segment, and a comment before it.
    const twice = Uint8Array.from([...table0, 5, ...table0.slice(1)])
    const comment = new TextEncoder().encode('hello')
    const edited = Uint8Array.from([
      ...valid.slice(0, dht),
      0xff,
      0xa8,
      0,
      comment.length + 2,
      ...comment,
      0xff,
      0xa6,
      (twice.length + 2) >> 8,
      (twice.length + 2) & 0xff,
      ...twice,
      ...valid.slice(dht + 2 + length),
    ])
    const back = decodeWsq(edited)
    expect(back.comments).toContain('hello')
    expect(back.pixels).toEqual(decodeWsq(valid).pixels)
  })
})
