import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { concat, fromHex, uintBytes } from '../bytes'
import { Jpeg2000Codec } from './codec'
import { findCodestream, readCodestreamHeader } from './codestream'
import { Jpeg2000DecodeError } from './errors'
import { greyPattern, withCod } from './test-support'

const codec = new Jpeg2000Codec()
let codestream: Uint8Array

beforeAll(async () => {
  codestream = await codec.encodeGreyLossless(greyPattern(40, 30), 40, 30)
})
afterAll(() => codec.close())

function box(type: string, body: Uint8Array): Uint8Array {
  return concat(uintBytes(8 + body.length, 4), Buffer.from(type, 'latin1'), body)
}
const SIGNATURE = fromHex('0000000C6A5020200D0A870A')

/** A COD segment put into the first tile-part header, its Psot grown to match. */
function withTilePartCod(stream: Uint8Array, cod: Uint8Array): Uint8Array {
  const sot = Buffer.from(stream).indexOf(Buffer.from([0xff, 0x90]))
  const out = concat(stream.subarray(0, sot + 12), cod, stream.subarray(sot + 12))
  const view = new DataView(out.buffer)
  view.setUint32(sot + 6, view.getUint32(sot + 6) + cod.length)
  return out
}

function reasonOf(run: () => unknown): string {
  try {
    run()
  } catch (error) {
    if (error instanceof Jpeg2000DecodeError) return error.reason
    throw error
  }
  return 'no error'
}

describe('JPEG 2000 codestream header', () => {
  it('reads SIZ and COD as the encoder wrote them', () => {
    expect(readCodestreamHeader(codestream)).toEqual({
      width: 40,
      height: 30,
      tileWidth: 40,
      tileHeight: 30,
      tilesAcross: 1,
      tilesDown: 1,
      components: [{ precision: 8, signed: false, dx: 1, dy: 1 }],
      // 30 rows allow 4 decomposition levels (2^4 ≤ 30); code-blocks of 64×64, maximal precincts.
      codingStyles: [
        {
          decompositionLevels: 4,
          codeBlockWidthExp: 6,
          codeBlockHeightExp: 6,
          precincts: null,
          reversible: true,
        },
      ],
      layers: 1,
    })
  })

  it('reads user-defined precincts and the coding styles of tile-part headers', () => {
    const tiny = withCod(codestream, { precinctExp: 3, decompositionLevels: 2 })
    const styles = readCodestreamHeader(tiny).codingStyles
    expect(styles[0]?.precincts).toEqual([
      { x: 3, y: 3 },
      { x: 3, y: 3 },
      { x: 3, y: 3 },
    ])
    const codOf = (s: Uint8Array): Uint8Array => {
      const at = Buffer.from(s).indexOf(Buffer.from([0xff, 0x52]))
      return s.subarray(at, at + 2 + (((s[at + 2] ?? 0) << 8) | (s[at + 3] ?? 0)))
    }
    const overridden = withTilePartCod(codestream, codOf(withCod(codestream, { layers: 9 })))
    const header = readCodestreamHeader(overridden)
    expect(header.codingStyles).toHaveLength(2)
    expect(header.layers).toBe(9)
  })

  it('finds the codestream inside a JP2 file, also behind an extended-length box', () => {
    const jp2 = concat(
      SIGNATURE,
      box('ftyp', Buffer.from('jp2 \0\0\0\0jp2 ')),
      box('jp2c', codestream),
    )
    expect(findCodestream(jp2)).toEqual(codestream)
    const extended = concat(
      SIGNATURE,
      uintBytes(1, 4),
      Buffer.from('jp2c'),
      uintBytes(0, 4),
      uintBytes(16 + codestream.length, 4),
      codestream,
    )
    expect(findCodestream(extended)).toEqual(codestream)
    expect(findCodestream(codestream)).toBe(codestream)
  })

  it('names what is wrong with data that is not a usable codestream', () => {
    expect(reasonOf(() => findCodestream(fromHex('00112233')))).toBe('not-jpeg2000')
    expect(reasonOf(() => findCodestream(concat(SIGNATURE, box('ftyp', new Uint8Array(4)))))).toBe(
      'header',
    )
    const overrun = concat(SIGNATURE, box('jp2c', codestream)).subarray(0, 40)
    expect(reasonOf(() => findCodestream(overrun))).toBe('header')
    expect(reasonOf(() => readCodestreamHeader(fromHex('FF4FFF51 0000')))).toBe('header')
    expect(reasonOf(() => readCodestreamHeader(codestream.subarray(0, 60)))).toBe('header')
    // Zero-sized tiles, 39-bit samples, a COD with 0 layers.
    const tileless = codestream.slice()
    new DataView(tileless.buffer).setUint32(24, 0)
    expect(reasonOf(() => readCodestreamHeader(tileless))).toBe('header')
    const deep = codestream.slice()
    deep[42] = 38
    expect(reasonOf(() => readCodestreamHeader(deep))).toBe('header')
    expect(reasonOf(() => readCodestreamHeader(withCod(codestream, { layers: 0 })))).toBe('header')
  })

  it('throws only Jpeg2000DecodeError on damaged or arbitrary bytes', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.nat(codestream.length - 1), fc.integer({ min: 0, max: 255 })), {
          minLength: 1,
          maxLength: 6,
        }),
        (edits) => {
          const damaged = codestream.slice()
          for (const [at, value] of edits) damaged[at] = value
          try {
            readCodestreamHeader(damaged)
          } catch (error) {
            expect(error).toBeInstanceOf(Jpeg2000DecodeError)
          }
        },
      ),
      { numRuns: 2000 },
    )
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
        try {
          readCodestreamHeader(findCodestream(concat(SIGNATURE, bytes)))
        } catch (error) {
          expect(error).toBeInstanceOf(Jpeg2000DecodeError)
        }
      }),
      { numRuns: 2000 },
    )
  })
})
