import { encode } from 'jpeg-js'
import { concat, uintBytes } from '../../../lib/bytes'
import { seededRandom, type SeededRandom } from './seeded-random'

export interface SyntheticFaceOptions {
  seed: string | number
  /** Exact size of the JPEG in bytes (quality is chosen, then a comment segment pads). Default 20 000. */
  targetBytes?: number
  /** Default 240 × 320 (3:4, as ICAO portraits); shrunk when the target is too small for it. */
  width?: number
  height?: number
}

export interface SyntheticFace {
  jpeg: Uint8Array
  width: number
  height: number
  /** JPEG quality used (1–100). */
  quality: number
}

type Rgb = readonly [number, number, number]

const SKIN: readonly Rgb[] = [
  [241, 206, 178],
  [226, 185, 150],
  [205, 160, 122],
  [176, 128, 92],
]
const HAIR: readonly Rgb[] = [
  [25, 20, 18],
  [45, 32, 24],
  [70, 50, 35],
]
const SHIRT: readonly Rgb[] = [
  [245, 245, 245],
  [40, 60, 110],
  [30, 30, 35],
  [120, 30, 40],
]
const MIN_SIDE = 48
const COM_MAX_DATA = 65_533

/**
 * A deterministic face-like portrait (head, hair, eyes, brows, nose, mouth, shoulders on a light
 * background) as a JPEG of exactly `targetBytes`: stands in for a holder's photo in the virtual
 * chip and in benchmarks. It is a drawing, not a face a matcher should accept.
 */
export function syntheticFaceJpeg(options: SyntheticFaceOptions): SyntheticFace {
  const target = options.targetBytes ?? 20_000
  const key = `${options.seed}|${target}|${options.width ?? ''}|${options.height ?? ''}`
  let face = recent.get(key)
  if (!face) {
    face = makeFace(options.seed, target, options.width ?? 240, options.height ?? 320)
    // Encoding takes several JPEG passes: keep the last few faces for callers asking again.
    if (recent.size >= RECENT_LIMIT) recent.delete(recent.keys().next().value ?? '')
    recent.set(key, face)
  }
  return { ...face, jpeg: face.jpeg.slice() }
}

const RECENT_LIMIT = 8
const recent = new Map<string, SyntheticFace>()

function makeFace(
  seed: string | number,
  target: number,
  startWidth: number,
  startHeight: number,
): SyntheticFace {
  let width = startWidth
  let height = startHeight
  for (;;) {
    const pixels = drawFace(seededRandom(`face:${seed}`), width, height)
    const fitted = fitJpegToSize(pixels, width, height, target)
    if (fitted) return { jpeg: fitted.jpeg, width, height, quality: fitted.quality }
    if (width * 0.75 < MIN_SIDE || height * 0.75 < MIN_SIDE) {
      throw new RangeError(`a portrait cannot be made as small as ${target} bytes`)
    }
    width = Math.round(width * 0.75)
    height = Math.round(height * 0.75)
  }
}

/**
 * A quality whose JPEG fills at least 90 % of the target without passing it (or the best that fits
 * at quality 100), padded to the exact size; null if even quality 1 is too big. Each jpeg-js call
 * costs a fixed set-up, so the search interpolates between tried qualities rather than bisecting.
 */
export function fitJpegToSize(
  pixels: Uint8Array,
  width: number,
  height: number,
  target: number,
): { jpeg: Uint8Array; quality: number } | null {
  const tried = new Map<number, Uint8Array>()
  const at = (q: number): Uint8Array => {
    let jpeg = tried.get(q)
    if (!jpeg) {
      jpeg = new Uint8Array(encode({ data: pixels, width, height }, q).data)
      tried.set(q, jpeg)
    }
    return jpeg
  }
  let lo = 0 // best quality known to fit (0: none yet)
  let hi = 101 // lowest quality known not to fit
  let q = 85
  for (;;) {
    const size = at(q).length
    if (size <= target) lo = q
    else hi = q
    if ((lo === q && (size >= target * 0.9 || q === 100)) || hi - lo <= 1) break
    q = nextQuality(lo, hi, lo ? at(lo).length : 0, hi <= 100 ? at(hi).length : 0, target)
  }
  // A comment segment is at least 4 bytes: step down until the gap can be filled exactly.
  for (let quality = lo; quality >= 1; quality--) {
    const gap = target - at(quality).length
    if (gap === 0 || gap >= 4) return { jpeg: padWithComments(at(quality), gap), quality }
  }
  return null
}

/** Next quality to try inside (lo, hi): interpolated towards 95 % of the target when both ends are known. */
function nextQuality(
  lo: number,
  hi: number,
  loSize: number,
  hiSize: number,
  target: number,
): number {
  let guess: number
  if (lo === 0) guess = Math.floor(hi / 2)
  else if (hi === 101) guess = lo + Math.ceil((100 - lo) / 2)
  else guess = Math.round(lo + ((target * 0.95 - loSize) / (hiSize - loSize)) * (hi - lo))
  return Math.min(hi - 1, Math.max(lo + 1, guess))
}

/** Inserts COM segments (FF FE) right after SOI to add exactly `gap` bytes (0 or ≥ 4). */
function padWithComments(jpeg: Uint8Array, gap: number): Uint8Array {
  const segments: Uint8Array[] = []
  let left = gap
  while (left > 0) {
    // Keep what remains after this segment at 0 or ≥ 4 bytes.
    let data = Math.min(left - 4, COM_MAX_DATA)
    const rest = left - 4 - data
    if (rest > 0 && rest < 4) data -= 4 - rest
    const body = new Uint8Array(data).fill(0x20)
    segments.push(concat(Uint8Array.of(0xff, 0xfe), uintBytes(data + 2, 2), body))
    left -= 4 + data
  }
  return concat(jpeg.subarray(0, 2), ...segments, jpeg.subarray(2))
}

interface Ellipse {
  cx: number
  cy: number
  rx: number
  ry: number
}

const inside = (e: Ellipse, u: number, v: number): number =>
  ((u - e.cx) / e.rx) ** 2 + ((v - e.cy) / e.ry) ** 2

function drawFace(rng: SeededRandom, width: number, height: number): Uint8Array {
  const skin = rng.pick(SKIN)
  const hair = rng.pick(HAIR)
  const shirt = rng.pick(SHIRT)
  const background: Rgb = [226 + rng.int(-6, 6), 230 + rng.int(-6, 6), 238 + rng.int(-6, 6)]
  const headW = 0.2 + rng.next() * 0.04
  const head: Ellipse = { cx: 0.5, cy: 0.46, rx: headW, ry: 0.27 + rng.next() * 0.03 }
  const hairCap: Ellipse = { cx: 0.5, cy: 0.36, rx: headW + 0.025, ry: 0.2 }
  const shoulders: Ellipse = { cx: 0.5, cy: 1.06, rx: 0.5, ry: 0.27 }
  const eyeY = 0.44
  const eyeDx = 0.085 + rng.next() * 0.01
  const eyes = [0.5 - eyeDx, 0.5 + eyeDx].map((cx) => ({ cx, cy: eyeY, rx: 0.042, ry: 0.017 }))
  const brows = eyes.map((e) => ({ cx: e.cx, cy: eyeY - 0.04, rx: 0.05, ry: 0.008 }))
  const ears = [head.cx - headW, head.cx + headW].map((cx) => ({
    cx,
    cy: 0.47,
    rx: 0.025,
    ry: 0.05,
  }))
  const nose: Ellipse = { cx: 0.5, cy: 0.535, rx: 0.025, ry: 0.014 }
  const mouth: Ellipse = { cx: 0.5, cy: 0.615, rx: 0.055 + rng.next() * 0.015, ry: 0.011 }
  const grain = 4 + rng.int(0, 4)

  const out = new Uint8Array(width * height * 4)
  for (let y = 0; y < height; y++) {
    const v = (y + 0.5) / height
    for (let x = 0; x < width; x++) {
      const u = (x + 0.5) / width
      let colour: Rgb = shade(background, 1 - 0.08 * v)
      if (inside(shoulders, u, v) <= 1) colour = shade(shirt, 1 - 0.15 * Math.abs(u - 0.5))
      else if (Math.abs(u - 0.5) < headW * 0.45 && v > 0.6 && v < 0.85) colour = shade(skin, 0.85)
      if (ears.some((e) => inside(e, u, v) <= 1)) colour = shade(skin, 0.9)
      const h = inside(head, u, v)
      if (h <= 1) {
        colour = shade(skin, 1.05 - 0.2 * h)
        if (brows.some((b) => inside(b, u, v) <= 1)) colour = hair
        for (const e of eyes) {
          const d = inside(e, u, v)
          if (d <= 1) colour = d < 0.2 ? [30, 25, 20] : d < 0.35 ? [80, 55, 40] : [240, 240, 235]
        }
        if (inside(nose, u, v) <= 1) colour = shade(skin, 0.8)
        if (inside(mouth, u, v) <= 1) colour = [170, 80, 80]
      }
      if (inside(hairCap, u, v) <= 1 && (v < head.cy - head.ry * 0.55 || h > 1)) colour = hair
      const n = (rng.next() - 0.5) * 2 * grain
      const p = (y * width + x) * 4
      out[p] = clamp(colour[0] + n)
      out[p + 1] = clamp(colour[1] + n)
      out[p + 2] = clamp(colour[2] + n)
      out[p + 3] = 255
    }
  }
  return out
}

function shade(c: Rgb, factor: number): Rgb {
  return [c[0] * factor, c[1] * factor, c[2] * factor]
}

function clamp(value: number): number {
  return Math.max(0, Math.min(255, Math.round(value)))
}
