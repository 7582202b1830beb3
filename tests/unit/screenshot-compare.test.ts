import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { PNG } from 'pngjs'
import { afterEach, describe, expect, it } from 'vitest'
import {
  checkAgainstReference,
  comparePngs,
  DEFAULT_COMPARE,
  matches,
} from '../e2e/support/screenshot-compare'

/** A width×height image painted by `paint(x, y)` → RGBA. */
function image(
  width: number,
  height: number,
  paint: (x: number, y: number) => [number, number, number, number],
): PNG {
  const png = new PNG({ width, height })
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) png.data.set(paint(x, y), (y * width + x) * 4)
  }
  return png
}

const grey = (): [number, number, number, number] => [200, 200, 200, 255]
const dirs: string[] = []
afterEach(() => {
  delete process.env.UPDATE_SCREENSHOTS
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true })
})

describe('comparePngs', () => {
  it('finds no difference between an image and itself, or within the tolerance', () => {
    const reference = image(40, 30, grey)
    expect(comparePngs(reference, reference, 0).differentPixels).toBe(0)
    const noisy = image(40, 30, (x) => [200 + (x % 3) * 8, 200, 200, 255])
    expect(comparePngs(noisy, reference, 16).differentPixels).toBe(0)
    // Columns 2, 5, …, 38 are 16 off: 13 columns of 30 pixels.
    expect(comparePngs(noisy, reference, 15).differentPixels).toBe(13 * 30)
  })

  it('counts the pixels that changed, paints them red, and fails past the allowed share', () => {
    const reference = image(100, 100, grey)
    // A 10×5 black label where the reference is blank: 0.5 % of the pixels.
    const changed = image(100, 100, (x, y) =>
      x >= 20 && x < 30 && y >= 40 && y < 45 ? [0, 0, 0, 255] : grey(),
    )
    const comparison = comparePngs(changed, reference, DEFAULT_COMPARE.channelTolerance)
    expect(comparison.differentPixels).toBe(50)
    expect([
      ...comparison.diff.data.subarray((42 * 100 + 25) * 4, (42 * 100 + 25) * 4 + 4),
    ]).toEqual([255, 0, 0, 255])
    expect([...comparison.diff.data.subarray(0, 4)]).toEqual([200, 200, 200, 255])
    expect(matches(comparison, DEFAULT_COMPARE)).toBe(false)
    expect(matches(comparison, { ...DEFAULT_COMPARE, maxDifferentRatio: 0.005 })).toBe(true)
  })

  it('never matches images of different sizes', () => {
    const comparison = comparePngs(image(10, 10, grey), image(10, 11, grey), 255)
    expect(comparison.sameSize).toBe(false)
    expect(matches(comparison, { channelTolerance: 255, maxDifferentRatio: 1 })).toBe(false)
  })
})

describe('checkAgainstReference', () => {
  function files() {
    const dir = mkdtempSync(join(tmpdir(), 'screens-'))
    dirs.push(dir)
    return { actual: join(dir, 'shot.png'), reference: join(dir, 'refs', 'shot.png') }
  }

  it('refuses to pass without a reference, and writes one only in update mode', () => {
    const { actual, reference } = files()
    writeFileSync(actual, PNG.sync.write(image(8, 8, grey)))
    expect(checkAgainstReference(actual, reference)).toMatch(/no reference .*UPDATE_SCREENSHOTS=1/)
    expect(existsSync(reference)).toBe(false)
    process.env.UPDATE_SCREENSHOTS = '1'
    expect(checkAgainstReference(actual, reference)).toBeNull()
    expect(readFileSync(reference)).toEqual(readFileSync(actual))
  })

  it('passes a matching screenshot and explains a different one, with a diff image', () => {
    const { actual, reference } = files()
    process.env.UPDATE_SCREENSHOTS = '1'
    writeFileSync(actual, PNG.sync.write(image(20, 20, grey)))
    checkAgainstReference(actual, reference)
    delete process.env.UPDATE_SCREENSHOTS
    expect(checkAgainstReference(actual, reference)).toBeNull()
    writeFileSync(actual, PNG.sync.write(image(20, 20, (x) => (x < 5 ? [0, 0, 0, 255] : grey()))))
    expect(checkAgainstReference(actual, reference)).toMatch(/100 of 400 pixels differ/)
    expect(existsSync(actual.replace(/\.png$/, '.diff.png'))).toBe(true)
  })
})
