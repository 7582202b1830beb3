import { decode } from 'jpeg-js'
import { describe, expect, it } from 'vitest'
import { jpegDimensions } from '../icao9303/lds/image-format'
import { syntheticFaceJpeg } from './synthetic-face'

// Every jpeg-js call has a fixed set-up cost that a loaded machine stretches to seconds: the
// generous timeout is no speed goal (that is the benchmarks' job), it only keeps such runs green.
describe('synthetic face', { timeout: 60_000 }, () => {
  it('is a JPEG of exactly the size asked for', () => {
    for (const targetBytes of [2501, 9000]) {
      const face = syntheticFaceJpeg({ seed: 7, targetBytes, width: 72, height: 96 })
      expect(face.jpeg.length).toBe(targetBytes)
      expect(jpegDimensions(face.jpeg)).toEqual({ width: face.width, height: face.height })
      expect(decode(face.jpeg, { useTArray: true }).width).toBe(face.width)
    }
  })

  it('draws the same picture for the same seed and another for another seed', () => {
    const a = syntheticFaceJpeg({ seed: 'x', targetBytes: 3000, width: 60, height: 80 })
    const b = syntheticFaceJpeg({ seed: 'x', targetBytes: 3000, width: 60, height: 80 })
    const c = syntheticFaceJpeg({ seed: 'y', targetBytes: 3000, width: 60, height: 80 })
    expect(a.jpeg).toEqual(b.jpeg)
    expect(a.jpeg).not.toEqual(c.jpeg)
  })

  it('looks like a portrait: light background, darker hair on top, skin in the middle', () => {
    const face = syntheticFaceJpeg({ seed: 3, targetBytes: 8000, width: 60, height: 80 })
    const { data, width } = decode(face.jpeg, { useTArray: true })
    const brightness = (x: number, y: number): number => {
      const p = (y * width + x) * 4
      return ((data[p] ?? 0) + (data[p + 1] ?? 0) + (data[p + 2] ?? 0)) / 3
    }
    expect(brightness(3, 3)).toBeGreaterThan(190) // background corner
    expect(brightness(30, 20)).toBeLessThan(90) // hair above the forehead
    expect(brightness(30, 45)).toBeGreaterThan(brightness(30, 20)) // cheek/nose area is skin
  })

  it('shrinks the picture when the size is too small for it, and refuses impossible sizes', () => {
    const face = syntheticFaceJpeg({ seed: 1, targetBytes: 1200, width: 120, height: 160 })
    expect(face.jpeg.length).toBe(1200)
    expect(face.width).toBeLessThan(120)
    expect(() => syntheticFaceJpeg({ seed: 1, targetBytes: 300, width: 60, height: 60 })).toThrow(
      RangeError,
    )
  })
})
