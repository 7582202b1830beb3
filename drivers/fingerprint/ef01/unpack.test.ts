import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { packGrey4, unpackGrey4 } from './unpack'

describe('4-bit image unpacking', () => {
  it('puts the high nibble first and scales each level by 17', () => {
    expect(Array.from(unpackGrey4(Uint8Array.of(0x0f, 0xf0, 0x7a)))).toEqual([
      0,
      255,
      255,
      0,
      7 * 17,
      10 * 17,
    ])
  })

  it('unpacks a 256 × 288 R307 image from 36,864 bytes', () => {
    const packed = new Uint8Array(36864).fill(0x5c)
    const pixels = unpackGrey4(packed, 256 * 288)
    expect(pixels).toHaveLength(73728)
    expect(pixels[73726]).toBe(85)
    expect(pixels[73727]).toBe(204)
  })

  it('refuses to invent pixels that were not sent', () => {
    expect(() => unpackGrey4(new Uint8Array(2), 5)).toThrow(RangeError)
  })

  it('packs to the nearest of the 16 levels and unpacks losslessly from there', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 0, maxLength: 200 }), (pixels) => {
        const levels = unpackGrey4(packGrey4(pixels), pixels.length)
        for (let i = 0; i < pixels.length; i++) {
          expect(Math.abs(levels[i]! - pixels[i]!)).toBeLessThanOrEqual(8)
        }
        expect(unpackGrey4(packGrey4(levels), levels.length)).toEqual(levels)
      }),
    )
  })
})
