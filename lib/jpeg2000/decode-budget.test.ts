import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { Jpeg2000Codec } from './codec'
import { readCodestreamHeader, type CodestreamHeader } from './codestream'
import {
  checkDecodeBudget,
  decodeStructureOf,
  FINGERPRINT_DECODE_BUDGET,
  PORTRAIT_DECODE_BUDGET,
  type DecodeBudget,
} from './decode-budget'
import { Jpeg2000DecodeError } from './errors'
import { greyPattern, withBitDepth, withCod, withSiz } from './test-support'

const codec = new Jpeg2000Codec()
let small: Uint8Array

beforeAll(async () => {
  small = await codec.encodeGreyLossless(greyPattern(40, 40), 40, 40)
})
afterAll(() => codec.close())

const header = (stream: Uint8Array): CodestreamHeader => readCodestreamHeader(stream)

function refusal(stream: Uint8Array, budget: DecodeBudget): string {
  try {
    checkDecodeBudget(header(stream), budget)
  } catch (error) {
    if (error instanceof Jpeg2000DecodeError) return `${error.reason}: ${error.message}`
    throw error
  }
  return 'accepted'
}

/** A header as an encoder with these settings writes it, for sizes we do not want to encode. */
function encoderHeader(
  width: number,
  height: number,
  options: { components?: number; codeBlockExp?: number; precinctExp?: number; tile?: number },
): CodestreamHeader {
  const tile = options.tile ?? Math.max(width, height)
  const precinctExp = options.precinctExp
  return {
    width,
    height,
    tileWidth: tile,
    tileHeight: tile,
    tilesAcross: Math.ceil(width / tile),
    tilesDown: Math.ceil(height / tile),
    components: Array.from({ length: options.components ?? 1 }, () => ({
      precision: 8,
      signed: false,
      dx: 1,
      dy: 1,
    })),
    codingStyles: [
      {
        decompositionLevels: 5,
        codeBlockWidthExp: options.codeBlockExp ?? 6,
        codeBlockHeightExp: options.codeBlockExp ?? 6,
        precincts:
          precinctExp === undefined
            ? null
            : Array.from({ length: 6 }, () => ({ x: precinctExp, y: precinctExp })),
        reversible: true,
      },
    ],
    layers: 1,
  }
}

describe('JPEG 2000 decode budget', () => {
  it('admits what real encoders write for the largest finger images and portraits', () => {
    // A four-finger slap at 1000 ppi (FAP 60, 3.2 × 3.0 in) and at 500 ppi.
    for (const [width, height] of [
      [3200, 3000],
      [1600, 1500],
    ] as const) {
      for (const settings of [
        {},
        { codeBlockExp: 4 },
        { codeBlockExp: 5, precinctExp: 5 },
        { tile: 256 },
      ]) {
        expect(() =>
          checkDecodeBudget(encoderHeader(width, height, settings), FINGERPRINT_DECODE_BUDGET),
        ).not.toThrow()
      }
    }
    for (const components of [1, 3, 4]) {
      const portrait = encoderHeader(1200, 1600, { components, codeBlockExp: 5, precinctExp: 5 })
      expect(() => checkDecodeBudget(portrait, PORTRAIT_DECODE_BUDGET)).not.toThrow()
    }
    expect(refusal(withSiz(small, { width: 3200, height: 3000 }), FINGERPRINT_DECODE_BUDGET)).toBe(
      'accepted',
    )
  })

  it('counts precincts and code-blocks without falling short', () => {
    // One tile of 1600×1500, 5 levels, maximal precincts: 2×2 precincts per resolution (the extra
    // row and column of the bound), 64×64 code-blocks: 13×13×3 at the top resolution, and so on.
    const structure = decodeStructureOf(encoderHeader(1600, 1500, {}))
    expect(structure.tiles).toBe(1)
    expect(structure.precincts).toBe(6 * 4)
    const exactTop = 3 * Math.ceil(800 / 64) * Math.ceil(750 / 64)
    expect(structure.codeBlocks).toBeGreaterThan(exactTop)
    expect(structure.codeBlocks).toBeLessThan(2 * exactTop)
  })

  it('refuses the bombs OpenJPEG would allocate for, before any decoding', () => {
    const finger = FINGERPRINT_DECODE_BUDGET
    // The outside fuzzer's record: 65535×2100 pixels declared by a 40×40 codestream.
    expect(refusal(withSiz(small, { width: 65535, height: 2100 }), finger)).toBe(
      'over-budget: jpeg2000: fingerprint image refused: 65535×2100 pixels',
    )
    expect(refusal(withSiz(small, { width: 4096, height: 4000 }), finger)).toMatch(
      /4096×4000 pixels/,
    )
    // 62,500 tiles of 8×8 on an image of a legal size (OpenJPEG: 630 MB of tile bookkeeping).
    expect(
      refusal(withSiz(small, { width: 2000, height: 2000, tileWidth: 8, tileHeight: 8 }), finger),
    ).toMatch(/62500 tiles/)
    // 2×2 precincts on 1600×1500 (over 1 GB), and 4×4 code-blocks.
    const large = withSiz(small, { width: 1600, height: 1500 })
    expect(refusal(withCod(large, { precinctExp: 1 }), finger)).toMatch(/precincts/)
    expect(refusal(withCod(large, { codeBlockExp: 2 }), finger)).toMatch(/code-blocks/)
    expect(refusal(withCod(large, { layers: 65535 }), finger)).toMatch(/65535 quality layers/)
    expect(refusal(withCod(large, { decompositionLevels: 13 }), finger)).toMatch(/13 decomposition/)
    expect(refusal(withBitDepth(small, 16), finger)).toMatch(/16 bits per sample/)
    expect(refusal(withBitDepth(small, 16), PORTRAIT_DECODE_BUDGET)).toBe('accepted')
    expect(refusal(withSiz(small, { width: 2048, height: 1100 }), PORTRAIT_DECODE_BUDGET)).toMatch(
      /portrait image refused: 2048×1100/,
    )
  })

  it('refuses layouts the codec cannot hand back in one interleaved buffer', () => {
    const subsampled = small.slice()
    subsampled[43] = 2 // XRsiz of the only component
    expect(refusal(subsampled, PORTRAIT_DECODE_BUDGET)).toMatch(/^unsupported: .*subsampled/)
  })
})
