import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import jpeg from 'jpeg-js'
import { PNG } from 'pngjs'
import type { Point, RgbaFrame } from './types'

/** Test images built in code from the two public-domain portraits in resources/camera/. */
const CAMERA_RESOURCES = join(import.meta.dirname, '..', '..', 'resources', 'camera')

export function readStill(name: 'training-citizen.jpg' | 'second-person.png'): RgbaFrame {
  const bytes = readFileSync(join(CAMERA_RESOURCES, name))
  const image = name.endsWith('.png')
    ? PNG.sync.read(bytes)
    : jpeg.decode(bytes, { useTArray: true })
  return { width: image.width, height: image.height, data: new Uint8Array(image.data) }
}

export function blankFrame(
  width: number,
  height: number,
  rgb: [number, number, number],
): RgbaFrame {
  const data = new Uint8Array(width * height * 4)
  for (let i = 0; i < width * height; i++) data.set([rgb[0], rgb[1], rgb[2], 255], i * 4)
  return { width, height, data }
}

/** Samples `source` at the point `inverse` maps each output pixel to (bilinear, grey outside). */
export function warp(
  source: RgbaFrame,
  width: number,
  height: number,
  inverse: (x: number, y: number) => Point,
): RgbaFrame {
  const out = blankFrame(width, height, [200, 200, 200])
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const [sx, sy] = inverse(x + 0.5, y + 0.5)
      const px = sx - 0.5
      const py = sy - 0.5
      if (px < 0 || py < 0 || px > source.width - 1 || py > source.height - 1) continue
      const ix = Math.min(source.width - 2, Math.floor(px))
      const iy = Math.min(source.height - 2, Math.floor(py))
      const fx = px - ix
      const fy = py - iy
      for (let c = 0; c < 3; c++) {
        const at = (xx: number, yy: number): number =>
          source.data[(yy * source.width + xx) * 4 + c] ?? 0
        out.data[(y * width + x) * 4 + c] = Math.round(
          at(ix, iy) * (1 - fx) * (1 - fy) +
            at(ix + 1, iy) * fx * (1 - fy) +
            at(ix, iy + 1) * (1 - fx) * fy +
            at(ix + 1, iy + 1) * fx * fy,
        )
      }
    }
  }
  return out
}

export function scaled(source: RgbaFrame, factor: number): RgbaFrame {
  return warp(
    source,
    Math.round(source.width * factor),
    Math.round(source.height * factor),
    (x, y) => [x / factor, y / factor],
  )
}

/** Rotated by `degrees` about the centre (positive = clockwise on screen). */
export function rotated(source: RgbaFrame, degrees: number): RgbaFrame {
  const r = (degrees * Math.PI) / 180
  const cx = source.width / 2
  const cy = source.height / 2
  return warp(source, source.width, source.height, (x, y) => {
    const dx = x - cx
    const dy = y - cy
    return [cx + dx * Math.cos(r) + dy * Math.sin(r), cy - dx * Math.sin(r) + dy * Math.cos(r)]
  })
}

/** Every channel through `f`, clamped. */
export function mapped(source: RgbaFrame, f: (value: number) => number): RgbaFrame {
  const data = new Uint8Array(source.data)
  for (let i = 0; i < data.length; i++) {
    if (i % 4 !== 3) data[i] = Math.max(0, Math.min(255, Math.round(f(data[i] ?? 0))))
  }
  return { width: source.width, height: source.height, data }
}

/** Box blur of the given radius, applied `passes` times (≈ a Gaussian). */
export function blurred(source: RgbaFrame, radius: number, passes = 2): RgbaFrame {
  let current = source
  for (let p = 0; p < passes; p++) current = boxBlur(current, radius)
  return current
}

function boxBlur(source: RgbaFrame, radius: number): RgbaFrame {
  const { width, height } = source
  const out = new Uint8Array(source.data)
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const sums = [0, 0, 0]
      let n = 0
      for (let dy = -radius; dy <= radius; dy++) {
        const yy = Math.min(height - 1, Math.max(0, y + dy))
        for (let dx = -radius; dx <= radius; dx++) {
          const xx = Math.min(width - 1, Math.max(0, x + dx))
          for (let c = 0; c < 3; c++)
            sums[c] = (sums[c] ?? 0) + (source.data[(yy * width + xx) * 4 + c] ?? 0)
          n++
        }
      }
      for (let c = 0; c < 3; c++) out[(y * width + x) * 4 + c] = Math.round((sums[c] ?? 0) / n)
    }
  }
  return { width, height, data: out }
}

/** Paints a filled rectangle. */
export function withRect(
  source: RgbaFrame,
  rect: { x: number; y: number; w: number; h: number },
  rgb: [number, number, number],
): RgbaFrame {
  const data = new Uint8Array(source.data)
  for (
    let y = Math.max(0, Math.round(rect.y));
    y < Math.min(source.height, Math.round(rect.y + rect.h));
    y++
  ) {
    for (
      let x = Math.max(0, Math.round(rect.x));
      x < Math.min(source.width, Math.round(rect.x + rect.w));
      x++
    ) {
      data.set(rgb, (y * source.width + x) * 4)
    }
  }
  return { width: source.width, height: source.height, data }
}

/** Paints every pixel for which `where` is true with a colour from `paint`. */
export function painted(
  source: RgbaFrame,
  where: (x: number, y: number) => boolean,
  paint: (x: number, y: number) => [number, number, number],
): RgbaFrame {
  const data = new Uint8Array(source.data)
  for (let y = 0; y < source.height; y++) {
    for (let x = 0; x < source.width; x++)
      if (where(x, y)) data.set(paint(x, y), (y * source.width + x) * 4)
  }
  return { width: source.width, height: source.height, data }
}

/** Two frames side by side on a common light background. */
export function sideBySide(a: RgbaFrame, b: RgbaFrame): RgbaFrame {
  const height = Math.max(a.height, b.height)
  const out = blankFrame(a.width + b.width, height, [200, 200, 200])
  for (const [frame, x0] of [
    [a, 0],
    [b, a.width],
  ] as const) {
    for (let y = 0; y < frame.height; y++) {
      out.data.set(
        frame.data.subarray(y * frame.width * 4, (y + 1) * frame.width * 4),
        (y * out.width + x0) * 4,
      )
    }
  }
  return out
}

/** A `width`×`height` window of `source` from (x, y); outside the source is light grey. */
export function cropped(
  source: RgbaFrame,
  x: number,
  y: number,
  width: number,
  height: number,
): RgbaFrame {
  return warp(source, width, height, (u, v) => [u + x, v + y])
}

/**
 * The training citizen as the fake camera shows her: 640×480, eyes ~110 px apart, the eye line
 * about 1.1 T below the top (T = eyes to chin), as a seated citizen at the kiosk's distance.
 */
export function cameraFrame(): RgbaFrame {
  return cropped(scaled(readStill('training-citizen.jpg'), 1.25), 0, 40, 640, 480)
}
