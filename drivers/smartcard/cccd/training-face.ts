import { existsSync, readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { decode } from 'jpeg-js'
import { fitJpegToSize, type SyntheticFace } from './synthetic-face'

/**
 * The face seed whose DG2 is a photograph rather than a drawing: the default training citizen
 * (`DEFAULT_CITIZEN_SEED` of the simulated card service). Its chip photo is the same person the
 * fake camera shows (resources/camera/training-citizen.jpg: Grace Hopper's official U.S. Navy
 * portrait, public domain), so a training enrollment's portrait matches the chip.
 */
export const TRAINING_FACE_SEED = 'training-1'

/**
 * The crop of the 512 × 600 source that becomes the 240 × 320 chip photo (scale 2/3): the face box
 * the detector finds there is about x 117–402, y 90–374, so this keeps the head centred with the
 * shoulders below, as an ICAO portrait.
 */
export const TRAINING_FACE_CROP = { x: 80, y: 20, width: 360, height: 480 } as const
export const TRAINING_FACE_SIZE = { width: 240, height: 320 } as const

const SOURCE = join('resources', 'camera', 'training-citizen.jpg')

/** resources/camera/training-citizen.jpg of the project: the nearest folder above with one. */
export function trainingPhotoPath(moduleDir: string = import.meta.dirname): string | null {
  for (let dir = moduleDir; ; dir = dirname(dir)) {
    const candidate = join(dir, SOURCE)
    if (existsSync(candidate)) return candidate
    if (dirname(dir) === dir) return null
  }
}

const made = new Map<number, SyntheticFace | null>()

/**
 * The training citizen's chip photo as a JPEG of exactly `targetBytes`, or null when the source
 * photo is not there (a build without resources) or cannot be made that small: the caller then
 * draws a synthetic face instead.
 */
export function trainingFaceJpeg(targetBytes: number): SyntheticFace | null {
  if (made.has(targetBytes)) {
    const face = made.get(targetBytes) ?? null
    return face ? { ...face, jpeg: face.jpeg.slice() } : null
  }
  const face = makeTrainingFace(targetBytes)
  made.set(targetBytes, face)
  return face ? { ...face, jpeg: face.jpeg.slice() } : null
}

function makeTrainingFace(targetBytes: number): SyntheticFace | null {
  const path = trainingPhotoPath()
  if (!path) return null
  const source = decode(readFileSync(path), { useTArray: true, maxResolutionInMP: 4 })
  const { width, height } = TRAINING_FACE_SIZE
  const pixels = cropScaled(source, width, height)
  const fitted = fitJpegToSize(pixels, width, height, targetBytes)
  return fitted ? { jpeg: fitted.jpeg, width, height, quality: fitted.quality } : null
}

/** TRAINING_FACE_CROP of `source`, resampled to width × height (box average of each cell). */
function cropScaled(
  source: { width: number; height: number; data: Uint8Array },
  width: number,
  height: number,
): Uint8Array {
  const crop = TRAINING_FACE_CROP
  const out = new Uint8Array(width * height * 4)
  const sx = crop.width / width
  const sy = crop.height / height
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const sums = [0, 0, 0]
      let n = 0
      const x0 = Math.floor(crop.x + x * sx)
      const y0 = Math.floor(crop.y + y * sy)
      const x1 = Math.max(x0 + 1, Math.floor(crop.x + (x + 1) * sx))
      const y1 = Math.max(y0 + 1, Math.floor(crop.y + (y + 1) * sy))
      for (let yy = y0; yy < Math.min(y1, source.height); yy++) {
        for (let xx = x0; xx < Math.min(x1, source.width); xx++) {
          const p = (yy * source.width + xx) * 4
          for (let c = 0; c < 3; c++) sums[c] = (sums[c] ?? 0) + (source.data[p + c] ?? 0)
          n++
        }
      }
      const q = (y * width + x) * 4
      for (let c = 0; c < 3; c++) out[q + c] = Math.round((sums[c] ?? 0) / Math.max(1, n))
      out[q + 3] = 255
    }
  }
  return out
}
