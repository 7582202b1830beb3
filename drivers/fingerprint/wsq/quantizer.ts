import { ALL_SUBBANDS, CODED_SUBBANDS, type Region } from './geometry'

/**
 * Subband quantisation, IAFIS-IC-0110 v3.1 §A.3 and Annex A (the bin widths for a target rate).
 * Each coded subband k has a bin width Q_k and a wider zero bin Z_k = 1.2 Q_k (the dead zone);
 * Q_k = 0 means the subband is not coded and reads back as zeros.
 */
export interface QuantTable {
  /** Bin widths Q_k for the 64 subbands. */
  q: Float64Array
  /** Zero-bin widths Z_k. */
  z: Float64Array
  /** The reconstruction point inside a bin, C (0.44 in the spec's reference encoder). */
  binCentre: number
}

export const DEFAULT_BIN_CENTRE = 0.44
/** The spec's default rate: 0.75 bit per pixel, about 15:1 on 8-bit prints. */
export const DEFAULT_BIT_RATE = 0.75
export const ZERO_BIN_FACTOR = 1.2
const MIN_BIN_WIDTH = 1e-4
const MAX_BIN_WIDTH = 50000
/** A subband whose variance is below this carries nothing worth coding. */
const VARIANCE_THRESHOLD = 1.01
/** Below this sum of the four lowest subbands' variances, whole subbands are measured (Annex A). */
const SMALL_LOW_VARIANCE = 20000

function variance(data: Float64Array, stride: number, r: Region, central: boolean): number {
  // The central window skips the borders, where the symmetric extension distorts the statistics.
  const x0 = r.x + (central ? Math.floor(r.width / 8) : 0)
  const y0 = r.y + (central ? Math.floor((9 * r.height) / 32) : 0)
  const w = central ? Math.floor((3 * r.width) / 4) : r.width
  const h = central ? Math.floor((7 * r.height) / 16) : r.height
  const count = w * h
  if (count < 2) return 0
  let sum = 0
  let squares = 0
  for (let y = 0; y < h; y++) {
    const base = (y0 + y) * stride + x0
    for (let x = 0; x < w; x++) {
      const v = data[base + x] ?? 0
      sum += v
      squares += v * v
    }
  }
  return (squares - (sum * sum) / count) / (count - 1)
}

/** The subband variances the bin widths are chosen from (Annex A). */
export function subbandVariances(
  data: Float64Array,
  stride: number,
  subbands: readonly Region[],
): Float64Array {
  const out = new Float64Array(CODED_SUBBANDS)
  let low = 0
  for (let k = 0; k < 4; k++) {
    out[k] = variance(data, stride, subbands[k] as Region, true)
    low += out[k] ?? 0
  }
  const whole = low < SMALL_LOW_VARIANCE
  for (let k = whole ? 0 : 4; k < CODED_SUBBANDS; k++)
    out[k] = variance(data, stride, subbands[k] as Region, !whole)
  return out
}

/** Relative weights A_k of the first level's bands 52 … 59 (Annex A); 1 elsewhere. */
const HIGH_BAND_WEIGHTS = [1.32, 1.08, 1.42, 1.08, 1.32, 1.42, 1.08, 1.08]

/** 1/m_k: the share of the image's pixels a subband of each size class holds. */
function sizeShare(k: number): number {
  if (k < 4) return 1 / 1024
  if (k < 51) return 1 / 256
  return 1 / 16
}

/**
 * Bin widths for a bit rate (Annex A): Q_k = q'_k / q with q'_k = 10 / (A_k ln σ_k²) (1 for the
 * four lowest bands), and q the constant that makes the rate of the bands still coded equal to
 * the target; bands whose share of the rate would not be positive are dropped and q recomputed.
 */
export function binWidths(
  variances: Float64Array,
  bitRate: number,
  /** Per subband, the least bin width whose indices fit the 16-bit escapes (see widestCoefficients). */
  floor?: Float64Array,
): QuantTable {
  const q = new Float64Array(ALL_SUBBANDS)
  const z = new Float64Array(ALL_SUBBANDS)
  const relative = new Float64Array(CODED_SUBBANDS)
  const sigma = new Float64Array(CODED_SUBBANDS)
  const coded: number[] = []
  for (let k = 0; k < CODED_SUBBANDS; k++) {
    const v = variances[k] ?? 0
    if (v < VARIANCE_THRESHOLD) continue
    const weight = k >= 52 ? (HIGH_BAND_WEIGHTS[k - 52] ?? 1) : 1
    relative[k] = k < 4 ? 1 : 10 / (weight * Math.log(v))
    sigma[k] = Math.sqrt(v)
    coded.push(k)
  }
  let kept = coded
  let scale = 1
  // Each pass drops at least one band, so this ends within 60 passes.
  for (let pass = 0; pass <= CODED_SUBBANDS && kept.length > 0; pass++) {
    let share = 0
    let logProduct = 0
    for (const k of kept) {
      const m = sizeShare(k)
      share += m
      logProduct += m * Math.log((sigma[k] ?? 0) / (relative[k] ?? 1))
    }
    // In logarithms: 2^(r/S − 1) overflows when few bands remain.
    scale = Math.exp((bitRate / share - 1) * Math.LN2 - Math.log(2.5) - logProduct / share)
    const next = kept.filter((k) => (relative[k] ?? 0) / scale < 5 * (sigma[k] ?? 0))
    if (next.length === kept.length) break
    kept = next
  }
  for (const k of coded) {
    // Kept inside what the DQT's 16-bit scaled numbers can carry (Z = 1.2 Q included).
    const least = Math.max(MIN_BIN_WIDTH, floor?.[k] ?? 0)
    q[k] = Math.min(MAX_BIN_WIDTH, Math.max(least, (relative[k] ?? 0) / scale))
    z[k] = ZERO_BIN_FACTOR * (q[k] ?? 0)
  }
  return { q, z, binCentre: DEFAULT_BIN_CENTRE }
}

/**
 * The largest bin index written. The escapes carry 16 bits, but reference decoders hold indices in
 * signed 16-bit integers, so the encoder stays within ±32 767.
 */
export const MAX_QUANTISED = 0x7fff

/**
 * Per coded subband, the bin width under which its largest coefficient would overflow the escape
 * codes. Annex A's formula can ask for less on images with very few active bands (a smooth ramp
 * puts everything in subband 0), so binWidths never goes below it.
 */
export function widestCoefficients(
  data: Float64Array,
  stride: number,
  subbands: readonly Region[],
): Float64Array {
  const out = new Float64Array(CODED_SUBBANDS)
  for (let k = 0; k < CODED_SUBBANDS; k++) {
    const r = subbands[k]
    if (!r) continue
    let widest = 0
    for (let y = 0; y < r.height; y++) {
      const base = (r.y + y) * stride + r.x
      for (let x = 0; x < r.width; x++) widest = Math.max(widest, Math.abs(data[base + x] ?? 0))
    }
    out[k] = widest / (MAX_QUANTISED / 2)
  }
  return out
}

/** One coefficient to its bin index with the dead zone of width Z (§A.3.1). */
export function quantise(value: number, q: number, z: number): number {
  const half = z / 2
  if (value >= -half && value <= half) return 0
  const index = value > 0 ? Math.floor((value - half) / q) + 1 : Math.ceil((value + half) / q) - 1
  return Math.max(-MAX_QUANTISED, Math.min(MAX_QUANTISED, index))
}

/** A bin index back to a coefficient (§A.3.2): the point C of the way into its bin. */
export function dequantise(index: number, q: number, z: number, c: number): number {
  if (index === 0) return 0
  return index > 0 ? q * (index - c) + z / 2 : q * (index + c) - z / 2
}

/** The quantised coefficients of the coded subbands from..to, each row by row, in one list. */
export function quantiseBlock(
  data: Float64Array,
  stride: number,
  subbands: readonly Region[],
  table: QuantTable,
  [from, to]: readonly [number, number],
): Int32Array {
  const out: number[] = []
  for (let k = from; k < to; k++) {
    const qk = table.q[k] ?? 0
    const r = subbands[k]
    if (qk === 0 || !r) continue
    const zk = table.z[k] ?? 0
    for (let y = 0; y < r.height; y++) {
      const base = (r.y + y) * stride + r.x
      for (let x = 0; x < r.width; x++) out.push(quantise(data[base + x] ?? 0, qk, zk))
    }
  }
  return Int32Array.from(out)
}

/** How many coefficients a block holds under a table: the pixels of its coded subbands. */
export function blockLength(
  subbands: readonly Region[],
  table: QuantTable,
  [from, to]: readonly [number, number],
): number {
  let n = 0
  for (let k = from; k < to; k++) {
    const r = subbands[k]
    if ((table.q[k] ?? 0) !== 0 && r) n += r.width * r.height
  }
  return n
}

/** Puts a block's bin indices back as coefficients into the subband image. */
export function dequantiseBlock(
  values: Int32Array,
  data: Float64Array,
  stride: number,
  subbands: readonly Region[],
  table: QuantTable,
  [from, to]: readonly [number, number],
): void {
  let i = 0
  for (let k = from; k < to; k++) {
    const qk = table.q[k] ?? 0
    const r = subbands[k]
    if (qk === 0 || !r) continue
    const zk = table.z[k] ?? 0
    for (let y = 0; y < r.height; y++) {
      const base = (r.y + y) * stride + r.x
      for (let x = 0; x < r.width; x++)
        data[base + x] = dequantise(values[i++] ?? 0, qk, zk, table.binCentre)
    }
  }
}
