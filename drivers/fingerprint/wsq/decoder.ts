import { ByteReader } from './bytes'
import { readEntropyCoded } from './entropy'
import { WsqError } from './errors'
import { BLOCK_SUBBANDS, MIN_SIDE, wsqGeometry, type WsqGeometry } from './geometry'
import { decodingTable, type DecodingTable } from './huffman'
import { MARKER, markerName } from './markers'
import { blockLength, dequantiseBlock, type QuantTable } from './quantizer'
import {
  ppiOfComment,
  readFrameHeader,
  readHuffmanTables,
  readQuantTable,
  readTransformTable,
  type FrameHeader,
} from './segments'
import { reconstruct, type FilterPair } from './wavelet'

export interface WsqDecodeOptions {
  /** Largest width × height accepted before anything is allocated; default 4 000 000. */
  maxPixels?: number
}

export interface DecodedWsq {
  width: number
  height: number
  pixels: Uint8Array
  /** From the NIST comment, null when there is none. */
  ppi: number | null
  frame: FrameHeader
  /** Every COM segment's text, in file order. */
  comments: string[]
}

/** A 2000 × 2000 slap at 500 ppi is the largest a kiosk scanner gives. */
export const DEFAULT_MAX_PIXELS = 4_000_000

interface DecodeState {
  frame: FrameHeader | null
  geometry: WsqGeometry | null
  coefficients: Float64Array | null
  filters: FilterPair | null
  quant: QuantTable | null
  tables: Map<number, DecodingTable>
  blocks: number
  comments: string[]
}

/** The body of a marker segment, its length checked against the file. */
function segmentBody(r: ByteReader, name: string): ByteReader {
  const length = r.u16(`${name} length`)
  if (length < 2) throw new WsqError('bad-segment', `${name} length ${length}`)
  const body = new ByteReader(r.data, r.position, r.position + length - 2)
  if (body.end > r.end) throw new WsqError('truncated', `${name} runs past the end of the file`)
  r.position = body.end
  return body
}

function expectConsumed(body: ByteReader, name: string): void {
  if (body.remaining !== 0)
    throw new WsqError('bad-segment', `${name} has ${body.remaining} bytes more than its fields`)
}

function startFrame(state: DecodeState, body: ByteReader, maxPixels: number): void {
  if (state.frame) throw new WsqError('bad-marker', 'a second SOF')
  const frame = readFrameHeader(body)
  expectConsumed(body, 'SOF')
  const { width, height } = frame
  if (width < MIN_SIDE || height < MIN_SIDE)
    throw new WsqError('unsupported', `${width}×${height}: fewer than ${MIN_SIDE} pixels a side`)
  if (width * height > maxPixels)
    throw new WsqError('unsupported', `${width}×${height} is over ${maxPixels} pixels`)
  if (!(frame.scale > 0)) throw new WsqError('bad-segment', 'SOF scale R is 0')
  state.frame = frame
  state.geometry = wsqGeometry(width, height)
  state.coefficients = new Float64Array(width * height)
}

/** Where the next marker starts: the entropy-coded data may end in fill bytes. */
function nextMarker(r: ByteReader): number {
  let i = r.position
  while (i + 1 < r.end) {
    const b = r.data[i + 1] ?? 0
    if (r.data[i] === 0xff && b !== 0x00 && b !== 0xff) return i
    i++
  }
  throw new WsqError('truncated', 'no marker after the last block')
}

function decodeBlock(state: DecodeState, r: ByteReader): void {
  const body = segmentBody(r, 'SOB')
  const id = body.byte('SOB table id')
  expectConsumed(body, 'SOB')
  const { frame, geometry, coefficients, quant, filters } = state
  if (!frame || !geometry || !coefficients) throw new WsqError('bad-marker', 'SOB before SOF')
  if (!quant || !filters) throw new WsqError('bad-marker', 'SOB before the DQT and DTT tables')
  const range = BLOCK_SUBBANDS[state.blocks]
  if (!range) throw new WsqError('bad-data', `more than ${BLOCK_SUBBANDS.length} blocks`)
  const table = state.tables.get(id)
  if (!table)
    throw new WsqError('bad-huffman', `block ${state.blocks} uses table ${id}, not defined`)
  const count = blockLength(geometry.subbands, quant, range)
  const { values, end } = readEntropyCoded(r.data, r.position, count, table)
  dequantiseBlock(values, coefficients, frame.width, geometry.subbands, quant, range)
  r.position = end
  r.position = nextMarker(r)
  state.blocks++
}

function readTables(state: DecodeState, marker: number, body: ByteReader): void {
  if (marker === MARKER.DTT) {
    state.filters = readTransformTable(body)
    expectConsumed(body, 'DTT')
  } else if (marker === MARKER.DQT) {
    const quant = readQuantTable(body)
    expectConsumed(body, 'DQT')
    for (const [k, q] of quant.q.entries())
      if (q < 0 || (q > 0 && !((quant.z[k] ?? 0) >= 0)))
        throw new WsqError('bad-segment', `DQT subband ${k}`)
    state.quant = quant
  } else if (marker === MARKER.DHT) {
    for (const { id, table } of readHuffmanTables(body)) state.tables.set(id, decodingTable(table))
  } else if (marker === MARKER.COM) {
    state.comments.push(new TextDecoder().decode(body.take(body.remaining, 'COM')))
  } else if (marker === MARKER.DRT) {
    const interval = body.u16('DRT interval')
    expectConsumed(body, 'DRT')
    if (interval !== 0) throw new WsqError('unsupported', 'restart intervals')
  }
}

const TABLE_MARKERS: ReadonlySet<number> = new Set([
  MARKER.DTT,
  MARKER.DQT,
  MARKER.DHT,
  MARKER.COM,
  MARKER.DRT,
])

/** The pixels back from the coefficients: inverse transform, then p = x·R + M rounded (§A.1). */
function finish(state: DecodeState): DecodedWsq {
  const { frame, geometry, coefficients, filters, quant } = state
  if (!frame || !geometry || !coefficients || !filters || !quant)
    throw new WsqError('bad-marker', 'EOI before the frame and its tables')
  const needed = BLOCK_SUBBANDS.filter((range) => blockLength(geometry.subbands, quant, range) > 0)
  if (state.blocks < needed.length)
    throw new WsqError('bad-data', `${state.blocks} of ${needed.length} blocks present`)
  reconstruct(coefficients, frame.width, frame.height, geometry.splits, filters)
  const pixels = new Uint8Array(coefficients.length)
  for (let i = 0; i < pixels.length; i++) {
    const p = Math.round((coefficients[i] ?? 0) * frame.scale + frame.shift)
    pixels[i] = p < 0 ? 0 : p > 255 ? 255 : p
  }
  const ppi = state.comments.map(ppiOfComment).find((p) => p !== null) ?? null
  return { width: frame.width, height: frame.height, pixels, ppi, frame, comments: state.comments }
}

/**
 * Decodes a WSQ file. Every length is checked against the bytes, every table before it is used,
 * and the work is bounded by the declared size (itself capped before allocation), so a crafted
 * file fails with WsqError and never with anything else, nor hangs.
 */
export function decodeWsq(bytes: Uint8Array, options: WsqDecodeOptions = {}): DecodedWsq {
  const maxPixels = options.maxPixels ?? DEFAULT_MAX_PIXELS
  const r = new ByteReader(bytes)
  if (r.u16('SOI') !== MARKER.SOI)
    throw new WsqError('bad-marker', 'the file does not start with SOI')
  const state: DecodeState = {
    frame: null,
    geometry: null,
    coefficients: null,
    filters: null,
    quant: null,
    tables: new Map(),
    blocks: 0,
    comments: [],
  }
  for (;;) {
    const marker = r.u16('marker')
    if (marker === MARKER.EOI) return finish(state)
    if (marker === MARKER.SOF) startFrame(state, segmentBody(r, 'SOF'), maxPixels)
    else if (marker === MARKER.SOB) decodeBlock(state, r)
    else if (TABLE_MARKERS.has(marker))
      readTables(state, marker, segmentBody(r, markerName(marker)))
    else throw new WsqError('bad-marker', `${markerName(marker)} at byte ${r.position - 2}`)
  }
}
