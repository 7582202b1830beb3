import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { dirname } from 'node:path'
import { PNG } from 'pngjs'

export interface CompareOptions {
  /** Largest difference on any one channel (0–255) for two pixels to count as the same. */
  channelTolerance: number
  /** Share of pixels (0–1) allowed to differ beyond the tolerance: anti-aliasing noise. */
  maxDifferentRatio: number
}

// Two runs on one machine render identically (0 pixels differ); the budget absorbs a little
// anti-aliasing noise (~50 pixels of a 1280×800 shot), far less than one changed word.
export const DEFAULT_COMPARE: CompareOptions = { channelTolerance: 16, maxDifferentRatio: 0.00005 }

export interface Comparison {
  sameSize: boolean
  differentPixels: number
  totalPixels: number
  /** The reference, with every differing pixel painted red: for a person to look at. */
  diff: PNG
}

/** Compares two decoded images pixel by pixel, RGBA channel by channel. */
export function comparePngs(actual: PNG, reference: PNG, tolerance: number): Comparison {
  const sameSize = actual.width === reference.width && actual.height === reference.height
  const diff = new PNG({ width: reference.width, height: reference.height })
  reference.data.copy(diff.data)
  if (!sameSize) {
    const totalPixels = reference.width * reference.height
    return { sameSize, differentPixels: totalPixels, totalPixels, diff }
  }
  let differentPixels = 0
  for (let offset = 0; offset < reference.data.length; offset += 4) {
    let worst = 0
    for (let channel = 0; channel < 4; channel++) {
      const delta = Math.abs(actual.data[offset + channel]! - reference.data[offset + channel]!)
      if (delta > worst) worst = delta
    }
    if (worst > tolerance) {
      differentPixels++
      diff.data.set([255, 0, 0, 255], offset)
    }
  }
  return { sameSize, differentPixels, totalPixels: reference.width * reference.height, diff }
}

/** Whether `comparison` is within `options`: same size and few enough differing pixels. */
export function matches(comparison: Comparison, options: CompareOptions): boolean {
  return (
    comparison.sameSize &&
    comparison.differentPixels <= comparison.totalPixels * options.maxDifferentRatio
  )
}

/** Set UPDATE_SCREENSHOTS=1 to (re)write the references from this run's screenshots. */
export const updatingReferences = (): boolean => process.env.UPDATE_SCREENSHOTS === '1'

/**
 * Compares the PNG at `actualPath` with the reference at `referencePath`. Returns null when it
 * matches (or the reference was just written in update mode), else a sentence saying what differs;
 * the diff image is then written next to the actual screenshot as `*.diff.png`.
 */
export function checkAgainstReference(
  actualPath: string,
  referencePath: string,
  options: CompareOptions = DEFAULT_COMPARE,
): string | null {
  const diffPath = actualPath.replace(/\.png$/, '.diff.png')
  rmSync(diffPath, { force: true }) // a diff left by an earlier failing run
  if (updatingReferences()) {
    mkdirSync(dirname(referencePath), { recursive: true })
    writeFileSync(referencePath, readFileSync(actualPath))
    return null
  }
  if (!existsSync(referencePath)) {
    return `no reference ${referencePath}: run with UPDATE_SCREENSHOTS=1, look at it, commit it`
  }
  const actual = PNG.sync.read(readFileSync(actualPath))
  const reference = PNG.sync.read(readFileSync(referencePath))
  const comparison = comparePngs(actual, reference, options.channelTolerance)
  if (matches(comparison, options)) return null
  writeFileSync(diffPath, PNG.sync.write(comparison.diff))
  if (!comparison.sameSize) {
    return `${actualPath} is ${actual.width}×${actual.height}, the reference ${reference.width}×${reference.height}`
  }
  return (
    `${actualPath}: ${comparison.differentPixels} of ${comparison.totalPixels} pixels differ ` +
    `from ${referencePath} (diff in ${diffPath})`
  )
}
