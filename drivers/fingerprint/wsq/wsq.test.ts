import { describe, expect, it } from 'vitest'
import { compareImages, SAME_FINGER_THRESHOLD } from '../matching'
import { syntheticFingerImage, SYNTHETIC_SIZES } from '../synthetic'
import { decodeWsq } from './decoder'
import { encodeWsq } from './encoder'
import { WsqError } from './errors'
import { ALL_SUBBANDS, CODED_SUBBANDS, wsqGeometry } from './geometry'
import { MARKER } from './markers'
import { bitsPerPixel, flatImage, gradientImage, psnr } from './test-support'
import { decompose, DEFAULT_FILTERS, reconstruct } from './wavelet'

/**
 * Bounds, and why:
 * - bit rate: the request ± 0.05 bpp (the encoder's measured rate control aims at ± 2 %; the
 *   brief suggested 0.75 ± 0.15).
 * - PSNR on synthetic prints at 0.75 bpp ≥ 22 dB (400×500; 23–27 dB measured) and ≥ 19 dB
 *   (256×288, a window full of ridges; 19.6–20.1 dB measured). The 35–40 dB usually quoted for WSQ
 *   at 0.75 bpp is for real 500 ppi prints (WSQ's design: Bradley, Brislawn & Hopper, SPIE vol.
 *   1961, 1993; the figure itself is not checked against that paper here), whose first-level
 *   diagonal band is nearly empty. WSQ never codes that band (subbands 60–63) and our synthetic
 *   prints carry pixel noise there: dropping it alone limits them to about 29 dB, which the test
 *   below measures.
 * - gradient and flat images: ≥ 40 dB (smooth content lives in the coded low bands).
 */
const RATE_TOLERANCE = 0.05

describe('WSQ subband tree', () => {
  it.each([
    [400, 500],
    [33, 47],
    [256, 288],
    [32, 33],
  ])('tiles a %i×%i image with the 64 subbands, none empty', (width, height) => {
    const { subbands, splits } = wsqGeometry(width, height)
    expect(subbands).toHaveLength(ALL_SUBBANDS)
    expect(splits).toHaveLength(20)
    const cover = new Uint8Array(width * height)
    for (const r of subbands) {
      expect(r.width).toBeGreaterThan(0)
      expect(r.height).toBeGreaterThan(0)
      for (let y = r.y; y < r.y + r.height; y++)
        for (let x = r.x; x < r.x + r.width; x++)
          cover[y * width + x] = (cover[y * width + x] ?? 0) + 1
    }
    expect(cover.every((c) => c === 1)).toBe(true)
  })

  it('puts the larger half of an odd side in the low band, or first where the band is inverted', () => {
    const { subbands } = wsqGeometry(33, 33)
    // Subband 51 is the diagonal band of the second level: its sides are floor(17 / 2).
    expect(subbands[51]).toEqual({ x: 9, y: 9, width: 8, height: 8 })
    // Subbands 52–55 split the first level's horizontal high band (16 wide, inverted along x).
    expect(subbands.slice(52, 54).map((r) => r.width)).toEqual([8, 8])
    expect(subbands[52]?.x).toBe(17)
  })

  it.each([
    [400, 500],
    [33, 47],
    [101, 64],
  ])('transform and inverse give back a %i×%i image', (width, height) => {
    const source = Float64Array.from({ length: width * height }, (_, i) => Math.sin(i * 0.37) * 90)
    const data = Float64Array.from(source)
    const { splits } = wsqGeometry(width, height)
    decompose(data, width, height, splits, DEFAULT_FILTERS)
    expect(data).not.toEqual(source)
    reconstruct(data, width, height, splits, DEFAULT_FILTERS)
    let worst = 0
    for (let i = 0; i < source.length; i++)
      worst = Math.max(worst, Math.abs((data[i] ?? 0) - (source[i] ?? 0)))
    expect(worst).toBeLessThan(1e-9)
  })

  it('refuses images smaller than the tree', () => {
    expect(() => wsqGeometry(31, 100)).toThrow(WsqError)
  })
})

describe('WSQ round trip', () => {
  const print = syntheticFingerImage({ citizenId: 'wsq-test', finger: 'right-index' })

  it.each(['right-index', 'left-thumb'] as const)(
    'codes a 400×500 synthetic %s at 0.75 bpp with minutiae the matcher still finds',
    (finger) => {
      const image = syntheticFingerImage({ citizenId: 'wsq-test', finger })
      const file = encodeWsq(image)
      const back = decodeWsq(file)
      expect([back.width, back.height, back.ppi]).toEqual([400, 500, 500])
      expect(Math.abs(bitsPerPixel(file, image) - 0.75)).toBeLessThanOrEqual(RATE_TOLERANCE)
      expect(psnr(image.pixels, back.pixels)).toBeGreaterThanOrEqual(22)
      const decision = compareImages(image, { ...image, pixels: back.pixels })
      expect(decision.score).toBeGreaterThan(SAME_FINGER_THRESHOLD)
    },
  )

  it('loses on prints mostly what the uncoded first-level diagonal band holds', () => {
    const high = decodeWsq(encodeWsq(print, { bitRate: 6 }))
    // Even at 6 bpp the error is the dropped band's: about 29 dB on these prints, not more.
    expect(psnr(print.pixels, high.pixels)).toBeGreaterThan(28)
    expect(psnr(print.pixels, high.pixels)).toBeLessThan(32)
  })

  it.each([0.6, 0.75, 1.5])('lands on a requested %f bpp', (bitRate) => {
    const file = encodeWsq(print, { bitRate })
    expect(Math.abs(bitsPerPixel(file, print) - bitRate)).toBeLessThanOrEqual(
      (RATE_TOLERANCE * bitRate) / 0.75,
    )
  })

  it('a higher bit rate never gives a worse image', () => {
    const low = psnr(print.pixels, decodeWsq(encodeWsq(print, { bitRate: 0.5 })).pixels)
    const high = psnr(print.pixels, decodeWsq(encodeWsq(print, { bitRate: 2.25 })).pixels)
    expect(high).toBeGreaterThan(low + 1)
  })

  it('codes the R30x module size (256×288) too, at a lower PSNR (its prints fill the window)', () => {
    const small = syntheticFingerImage({
      citizenId: 'wsq-test',
      finger: 'left-thumb',
      size: SYNTHETIC_SIZES.r30x,
    })
    const file = encodeWsq(small)
    expect(Math.abs(bitsPerPixel(file, small) - 0.75)).toBeLessThanOrEqual(RATE_TOLERANCE)
    expect(psnr(small.pixels, decodeWsq(file).pixels)).toBeGreaterThanOrEqual(19)
  })

  it.each([
    [64, 64],
    [65, 63],
    [101, 77],
    [400, 500],
  ])('gives back a %i×%i gradient within 40 dB', (width, height) => {
    const image = gradientImage(width, height)
    const back = decodeWsq(encodeWsq(image))
    expect([back.width, back.height]).toEqual([width, height])
    expect(psnr(image.pixels, back.pixels)).toBeGreaterThanOrEqual(40)
  })

  it.each([
    [32, 32, 0],
    [57, 40, 128],
    [400, 500, 255],
  ])('gives back a flat %i×%i image of %i exactly', (width, height, value) => {
    const image = flatImage(width, height, value)
    const back = decodeWsq(encodeWsq(image))
    expect(back.pixels).toEqual(image.pixels)
  })

  it('with the Annex A formula as is, still decodes to the same image size', () => {
    const file = encodeWsq(print, { rateControl: 'annex-a' })
    const back = decodeWsq(file)
    expect(back.pixels).toHaveLength(print.pixels.length)
    expect(psnr(print.pixels, back.pixels)).toBeGreaterThan(20)
  })

  it('writes the markers in the order of figure B-1, and reads back its comments', () => {
    const file = encodeWsq(gradientImage(64, 64), { comments: ['kiosk test'] })
    expect([file[0], file[1]]).toEqual([0xff, MARKER.SOI & 0xff])
    expect([file.at(-2), file.at(-1)]).toEqual([0xff, MARKER.EOI & 0xff])
    const back = decodeWsq(file)
    expect(back.comments[0]).toMatch(/^NIST_COM 9\nPIX_WIDTH 64\n/)
    expect(back.comments[1]).toBe('kiosk test')
    expect(back.frame).toMatchObject({ black: 0, white: 255, encoder: 2 })
    expect(CODED_SUBBANDS).toBe(60)
  })
})
