import { ByteWriter, roundTripScaled16 } from './bytes'
import { tokenise, symbolFrequencies, writeEntropyCoded, type Token } from './entropy'
import { WsqError } from './errors'
import { BLOCK_SUBBANDS, MIN_SIDE, wsqGeometry, type WsqGeometry } from './geometry'
import { buildHuffmanTable, encodingTable } from './huffman'
import { MARKER } from './markers'
import {
  binWidths,
  DEFAULT_BIT_RATE,
  quantiseBlock,
  subbandVariances,
  widestCoefficients,
  type QuantTable,
} from './quantizer'
import {
  nistComment,
  writeBlockHeader,
  writeComment,
  writeFrameHeader,
  writeHuffmanTable,
  writeQuantTable,
  writeTransformTable,
} from './segments'
import { decompose, DEFAULT_FILTERS } from './wavelet'

/** An 8-bit grey image, row-major (a FingerImage fits). */
export interface GreyImage {
  width: number
  height: number
  pixels: Uint8Array
  /** Written in the NIST comment; default 500. */
  ppi?: number
}

export interface WsqEncodeOptions {
  /** Target bits per pixel; default 0.75 (the spec's default, about 15:1). */
  bitRate?: number
  /** More COM segments, after the NIST comment. */
  comments?: readonly string[]
  /** SOF software implementation number; default 0. */
  software?: number
  /** 'measured' (default): the file lands on the bit rate; 'annex-a': the formula's bin widths. */
  rateControl?: 'measured' | 'annex-a'
}

/** The encoder number of the frame header for this version of the specification (§B.2.3). */
export const WSQ_ENCODER_NUMBER = 2
const MAX_SIDE = 0xffff

function checkImage(image: GreyImage, bitRate: number): void {
  const { width, height, pixels } = image
  if (
    !Number.isInteger(width) ||
    !Number.isInteger(height) ||
    width > MAX_SIDE ||
    height > MAX_SIDE
  )
    throw new WsqError('bad-image', `${width}×${height} is not a WSQ image size`)
  if (width < MIN_SIDE || height < MIN_SIDE)
    throw new WsqError('bad-image', `${width}×${height}: WSQ needs ${MIN_SIDE} pixels a side`)
  if (pixels.length !== width * height)
    throw new WsqError('bad-image', `${pixels.length} pixels for ${width}×${height}`)
  if (!(bitRate > 0 && bitRate <= 8)) throw new WsqError('bad-image', `bit rate ${bitRate}`)
}

/**
 * Shift and scale (§A.1): M the mean, R so the normalised pixels (p − M) / R fall in ±128. Both go
 * through the SOF's scaled numbers first, so the encoder uses exactly what the decoder reads.
 */
function normalise(pixels: Uint8Array): { data: Float64Array; shift: number; scale: number } {
  let sum = 0
  let low = 255
  let high = 0
  for (const p of pixels) {
    sum += p
    if (p < low) low = p
    if (p > high) high = p
  }
  const mean = sum / pixels.length
  const spread = Math.max(mean - low, high - mean) / 128
  const shift = roundTripScaled16(mean)
  // A flat image has no spread; any scale codes it, 1 keeps the arithmetic finite.
  const scale = spread > 0 ? roundTripScaled16(spread) || 1 : 1
  const data = new Float64Array(pixels.length)
  for (let i = 0; i < pixels.length; i++) data[i] = ((pixels[i] ?? 0) - shift) / scale
  return { data, shift, scale }
}

/** Q and Z as the decoder will read them from the DQT. */
function writtenTable(table: QuantTable): QuantTable {
  return {
    q: table.q.map((v) => roundTripScaled16(v)),
    z: table.z.map((v) => roundTripScaled16(v)),
    binCentre: roundTripScaled16(table.binCentre),
  }
}

interface Transformed {
  width: number
  height: number
  ppi: number
  data: Float64Array
  shift: number
  scale: number
  geometry: WsqGeometry
  variances: Float64Array
}

/**
 * The file for one set of bin widths (§B.1, figure B-1), in the order the NIST reference encoder
 * writes: SOI, NIST comment, DTT, DQT, SOF, then block 1's DHT and SOB, block 2's DHT and SOB,
 * block 3's SOB (it shares block 2's table), EOI.
 */
function writeFile(t: Transformed, table: QuantTable, options: WsqEncodeOptions): Uint8Array {
  const { width, height, data, geometry } = t
  const [first = [], second = [], third = []]: Token[][] = BLOCK_SUBBANDS.map((range) =>
    tokenise(quantiseBlock(data, width, geometry.subbands, table, range)),
  )
  const huffman = [
    buildHuffmanTable(symbolFrequencies(first)),
    buildHuffmanTable(symbolFrequencies([...second, ...third])),
  ] as const
  const codes = [encodingTable(huffman[0]), encodingTable(huffman[1])] as const

  const out = new ByteWriter().u16(MARKER.SOI)
  writeComment(out, nistComment(width, height, t.ppi, options.bitRate ?? DEFAULT_BIT_RATE))
  for (const text of options.comments ?? []) writeComment(out, text)
  writeTransformTable(out, DEFAULT_FILTERS)
  writeQuantTable(out, table)
  writeFrameHeader(out, {
    black: 0,
    white: 255,
    width,
    height,
    shift: t.shift,
    scale: t.scale,
    encoder: WSQ_ENCODER_NUMBER,
    software: options.software ?? 0,
  })
  writeHuffmanTable(out, 0, huffman[0])
  writeBlockHeader(out, 0)
  out.bytes(writeEntropyCoded(first, codes[0]))
  writeHuffmanTable(out, 1, huffman[1])
  writeBlockHeader(out, 1)
  out.bytes(writeEntropyCoded(second, codes[1]))
  writeBlockHeader(out, 1)
  out.bytes(writeEntropyCoded(third, codes[1]))
  out.u16(MARKER.EOI)
  return out.toBytes()
}

/** Passes of the measured rate control; each re-quantises and re-codes, the transform stays. */
const RATE_PASSES = 10
/** Close enough to the requested rate to stop searching. */
const RATE_TOLERANCE = 0.02

/**
 * Encodes an 8-bit grey image as a WSQ file (IAFIS-IC-0110 v3.1). The bin widths come from Annex
 * A's formula; with the default 'measured' rate control the formula's rate parameter is then
 * corrected from the file actually produced (its bits per pixel, headers included) until it is
 * within 2 % of the request, since the formula's model of the coder overshoots or undershoots by
 * a factor of two on prints with much background. 'annex-a' writes the formula's result as is.
 */
export function encodeWsq(image: GreyImage, options: WsqEncodeOptions = {}): Uint8Array {
  const target = options.bitRate ?? DEFAULT_BIT_RATE
  checkImage(image, target)
  const { width, height } = image
  const { data, shift, scale } = normalise(image.pixels)
  const geometry = wsqGeometry(width, height)
  decompose(data, width, height, geometry.splits, DEFAULT_FILTERS)
  const variances = subbandVariances(data, width, geometry.subbands)
  const floor = widestCoefficients(data, width, geometry.subbands)
  const t: Transformed = {
    width,
    height,
    ppi: image.ppi ?? 500,
    data,
    shift,
    scale,
    geometry,
    variances,
  }
  const build = (rate: number) =>
    writeFile(t, writtenTable(binWidths(variances, rate, floor)), options)
  const bpp = (file: Uint8Array) => (file.length * 8) / (width * height)
  let best = build(target)
  if (options.rateControl === 'annex-a') return best
  // Bits per pixel grow with the formula's rate but not in proportion: step by the ratio until the
  // target is bracketed, then bisect (in logarithms) inside the bracket.
  let rate = target
  let file = best
  let below = 0
  let above = Infinity
  for (let pass = 0; pass < RATE_PASSES; pass++) {
    const achieved = bpp(file)
    if (Math.abs(achieved - target) <= RATE_TOLERANCE * target) break
    if (achieved < target) below = rate
    else above = rate
    const next =
      below > 0 && above < Infinity
        ? Math.sqrt(below * above)
        : rate * (target / Math.max(achieved, 1e-3))
    rate = Math.min(16 * target, Math.max(target / 16, next))
    file = build(rate)
    if (Math.abs(bpp(file) - target) < Math.abs(bpp(best) - target)) best = file
  }
  return best
}
