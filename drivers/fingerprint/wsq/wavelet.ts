import type { SplitNode } from './geometry'

/**
 * The 9/7 biorthogonal analysis filters of IAFIS-IC-0110 v3.1 §A.2 (table A-1), whole, symmetric
 * about their middle tap; the DTT segment carries their right halves.
 */
export const ANALYSIS_LOWPASS: readonly number[] = [
  0.037828455506995, -0.02384946501938, -0.110624404418423, 0.377402855612654, 0.852698679009403,
  0.377402855612654, -0.110624404418423, -0.02384946501938, 0.037828455506995,
]
export const ANALYSIS_HIGHPASS: readonly number[] = [
  0.064538882628938, -0.040689417609558, -0.418092273222212, 0.788485616405664, -0.418092273222212,
  -0.040689417609558, 0.064538882628938,
]

export interface FilterPair {
  lowpass: Float64Array
  highpass: Float64Array
}

/**
 * Index into a line of `n` samples extended by whole-sample symmetry (the spec's extension for
 * odd-length filters, §A.2.2): x[-i] = x[i] and x[n-1+i] = x[n-1-i]. n ≥ 2.
 */
function mirror(i: number, n: number): number {
  const period = 2 * (n - 1)
  let m = i % period
  if (m < 0) m += period
  return m < n ? m : period - m
}

/** Where a line of n samples keeps its two decimated bands: low first, or high first when inverted. */
function bandLayout(n: number, inverted: boolean) {
  const lowCount = Math.ceil(n / 2)
  const highCount = n - lowCount
  return {
    lowCount,
    highCount,
    lowStart: inverted ? highCount : 0,
    highStart: inverted ? 0 : lowCount,
  }
}

/**
 * One line's analysis: low band at the even samples, high band at the odd ones, both
 * decimated by two; `inverted` stores the high band first (§A.2.3).
 */
export function analyseLine(
  src: Float64Array,
  n: number,
  filters: FilterPair,
  inverted: boolean,
  dst: Float64Array,
): void {
  const { lowpass, highpass } = filters
  const { lowCount, highCount, lowStart, highStart } = bandLayout(n, inverted)
  const lh = (lowpass.length - 1) / 2
  const hh = (highpass.length - 1) / 2
  for (let k = 0; k < lowCount; k++) {
    let sum = 0
    for (let j = -lh; j <= lh; j++) sum += (lowpass[j + lh] ?? 0) * (src[mirror(2 * k + j, n)] ?? 0)
    dst[lowStart + k] = sum
  }
  for (let k = 0; k < highCount; k++) {
    let sum = 0
    for (let j = -hh; j <= hh; j++)
      sum += (highpass[j + hh] ?? 0) * (src[mirror(2 * k + 1 + j, n)] ?? 0)
    dst[highStart + k] = sum
  }
}

/**
 * The inverse of analyseLine. The two bands are put back at their even and odd positions; that
 * interleaved line is itself whole-sample symmetric, so it is extended the same way and filtered
 * with the synthesis filters, which are the analysis filters swapped with alternating signs
 * (g0[m] = (-1)^m h1[m] on low samples, g1[m] = (-1)^m h0[m] on high ones; §A.2.4).
 */
export function synthesiseLine(
  src: Float64Array,
  n: number,
  filters: FilterPair,
  inverted: boolean,
  interleaved: Float64Array,
  dst: Float64Array,
): void {
  const { lowpass, highpass } = filters
  const { lowCount, highCount, lowStart, highStart } = bandLayout(n, inverted)
  for (let k = 0; k < lowCount; k++) interleaved[2 * k] = src[lowStart + k] ?? 0
  for (let k = 0; k < highCount; k++) interleaved[2 * k + 1] = src[highStart + k] ?? 0
  const lh = (lowpass.length - 1) / 2
  const hh = (highpass.length - 1) / 2
  const reach = Math.max(lh, hh)
  for (let i = 0; i < n; i++) {
    let sum = 0
    for (let m = -reach; m <= reach; m++) {
      const p = i + m
      const sign = (m & 1) === 0 ? 1 : -1
      const value = interleaved[mirror(p, n)] ?? 0
      if ((p & 1) === 0) {
        if (m >= -hh && m <= hh) sum += sign * (highpass[m + hh] ?? 0) * value
      } else if (m >= -lh && m <= lh) sum += sign * (lowpass[m + lh] ?? 0) * value
    }
    dst[i] = sum
  }
}

/** Scratch lines sized for the longest side. */
function scratch(length: number) {
  return {
    line: new Float64Array(length),
    out: new Float64Array(length),
    interleaved: new Float64Array(length),
  }
}

/** One line's filter (analysis or synthesis): n samples of src into dst. */
type LineFilter = (src: Float64Array, n: number, inverted: boolean, dst: Float64Array) => void

/**
 * Filters `lines` lines of `length` samples in place: line k starts at `first + k·lineStep`, its
 * samples `sampleStep` apart. Rows and columns of a region are the same walk with the steps swapped.
 */
interface LineWalk {
  first: number
  lines: number
  lineStep: number
  length: number
  sampleStep: number
  inverted: boolean
}

function filterLines(
  data: Float64Array,
  walk: LineWalk,
  s: ReturnType<typeof scratch>,
  filter: LineFilter,
): void {
  const { first, lines, lineStep, length, sampleStep, inverted } = walk
  for (let k = 0; k < lines; k++) {
    const base = first + k * lineStep
    for (let i = 0; i < length; i++) s.line[i] = data[base + i * sampleStep] ?? 0
    filter(s.line, length, inverted, s.out)
    for (let i = 0; i < length; i++) data[base + i * sampleStep] = s.out[i] ?? 0
  }
}

/** Every row of one region (along x). */
function rowsOf(node: SplitNode, stride: number): LineWalk {
  const first = node.y * stride + node.x
  const { height: lines, width: length, invertX: inverted } = node
  return { first, lines, lineStep: stride, length, sampleStep: 1, inverted }
}

/** Every column of one region (along y). */
function columnsOf(node: SplitNode, stride: number): LineWalk {
  const first = node.y * stride + node.x
  const { width: lines, height: length, invertY: inverted } = node
  return { first, lines, lineStep: 1, length, sampleStep: stride, inverted }
}

/** Splits one region in place: rows (x) first, then columns (y). */
function splitRegion(
  data: Float64Array,
  stride: number,
  node: SplitNode,
  filters: FilterPair,
  s: ReturnType<typeof scratch>,
): void {
  const analyse: LineFilter = (src, n, inverted, dst) => analyseLine(src, n, filters, inverted, dst)
  filterLines(data, rowsOf(node, stride), s, analyse)
  filterLines(data, columnsOf(node, stride), s, analyse)
}

/** Joins one region in place: columns first, then rows (the reverse of splitRegion). */
function joinRegion(
  data: Float64Array,
  stride: number,
  node: SplitNode,
  filters: FilterPair,
  s: ReturnType<typeof scratch>,
): void {
  const synthesise: LineFilter = (src, n, inverted, dst) =>
    synthesiseLine(src, n, filters, inverted, s.interleaved, dst)
  filterLines(data, columnsOf(node, stride), s, synthesise)
  filterLines(data, rowsOf(node, stride), s, synthesise)
}

/** The whole decomposition in place (§A.2): every split of the tree, parents first. */
export function decompose(
  data: Float64Array,
  width: number,
  height: number,
  splits: readonly SplitNode[],
  filters: FilterPair,
): void {
  const s = scratch(Math.max(width, height))
  for (const node of splits) splitRegion(data, width, node, filters, s)
}

/** The whole reconstruction in place: every split undone, children first. */
export function reconstruct(
  data: Float64Array,
  width: number,
  height: number,
  splits: readonly SplitNode[],
  filters: FilterPair,
): void {
  const s = scratch(Math.max(width, height))
  for (let i = splits.length - 1; i >= 0; i--) {
    const node = splits[i]
    if (node) joinRegion(data, width, node, filters, s)
  }
}

export const DEFAULT_FILTERS: FilterPair = {
  lowpass: Float64Array.from(ANALYSIS_LOWPASS),
  highpass: Float64Array.from(ANALYSIS_HIGHPASS),
}
