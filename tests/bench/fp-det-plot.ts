import { PNG } from 'pngjs'

/** One DET curve: (FMR, FNMR) points, in order of rising threshold. */
export interface DetCurve {
  label: string
  points: readonly { fmr: number; fnmr: number }[]
}

const WIDTH = 720
const HEIGHT = 540
const MARGIN = 48
// Log axes: FMR 1e-5 … 1, FNMR 1e-3 … 1; zeros are drawn on the lowest line.
const FMR_DECADES = 5
const FNMR_DECADES = 3
/** Colour of each curve, in order (Okabe–Ito palette, distinguishable with colour blindness). */
export const DET_COLOURS: readonly (readonly [number, number, number])[] = [
  [0, 114, 178],
  [230, 159, 0],
  [0, 158, 115],
  [213, 94, 0],
  [204, 121, 167],
  [86, 180, 233],
  [0, 0, 0],
  [240, 228, 66],
  [120, 120, 120],
  [150, 60, 30],
]

function toX(fmr: number): number {
  const d = Math.max(-FMR_DECADES, Math.log10(Math.max(fmr, 10 ** -FMR_DECADES)))
  return MARGIN + ((d + FMR_DECADES) / FMR_DECADES) * (WIDTH - 2 * MARGIN)
}

function toY(fnmr: number): number {
  const d = Math.max(-FNMR_DECADES, Math.log10(Math.max(fnmr, 10 ** -FNMR_DECADES)))
  return HEIGHT - MARGIN - ((d + FNMR_DECADES) / FNMR_DECADES) * (HEIGHT - 2 * MARGIN)
}

function setPixel(png: PNG, x: number, y: number, rgb: readonly number[]): void {
  const xi = Math.round(x)
  const yi = Math.round(y)
  if (xi < 0 || yi < 0 || xi >= png.width || yi >= png.height) return
  const i = 4 * (yi * png.width + xi)
  png.data[i] = rgb[0] ?? 0
  png.data[i + 1] = rgb[1] ?? 0
  png.data[i + 2] = rgb[2] ?? 0
  png.data[i + 3] = 255
}

function line(png: PNG, x0: number, y0: number, x1: number, y1: number, rgb: readonly number[]) {
  const steps = Math.max(1, Math.ceil(Math.hypot(x1 - x0, y1 - y0)))
  for (let s = 0; s <= steps; s++) {
    const x = x0 + ((x1 - x0) * s) / steps
    const y = y0 + ((y1 - y0) * s) / steps
    setPixel(png, x, y, rgb)
    setPixel(png, x + 1, y, rgb)
    setPixel(png, x, y + 1, rgb)
  }
}

/**
 * Draws DET curves on log–log axes (FMR across, FNMR up), decade grid lines in grey, and a legend
 * of colour swatches top right in curve order (the bench prints which colour is which kind).
 */
export function drawDetPng(curves: readonly DetCurve[]): Buffer {
  const png = new PNG({ width: WIDTH, height: HEIGHT })
  png.data.fill(255)
  const grey = [210, 210, 210]
  for (let d = 0; d <= FMR_DECADES; d++) {
    const x = toX(10 ** -d)
    for (let y = MARGIN; y <= HEIGHT - MARGIN; y++) setPixel(png, x, y, grey)
  }
  for (let d = 0; d <= FNMR_DECADES; d++) {
    const y = toY(10 ** -d)
    for (let x = MARGIN; x <= WIDTH - MARGIN; x++) setPixel(png, x, y, grey)
  }
  line(png, MARGIN, HEIGHT - MARGIN, WIDTH - MARGIN, HEIGHT - MARGIN, [0, 0, 0])
  line(png, MARGIN, MARGIN, MARGIN, HEIGHT - MARGIN, [0, 0, 0])
  curves.forEach((curve, c) => {
    const rgb = DET_COLOURS[c % DET_COLOURS.length] ?? [0, 0, 0]
    for (let k = 1; k < curve.points.length; k++) {
      const p = curve.points[k - 1]
      const q = curve.points[k]
      if (p && q) line(png, toX(p.fmr), toY(p.fnmr), toX(q.fmr), toY(q.fnmr), rgb)
    }
    for (let y = 0; y < 10; y++)
      for (let x = 0; x < 18; x++)
        setPixel(png, WIDTH - MARGIN - 20 + x, MARGIN + 4 + 14 * c + y, rgb)
  })
  return PNG.sync.write(png)
}
