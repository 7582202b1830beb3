import {
  type ByteReader,
  ByteWriter,
  fromScaled,
  readScaled16,
  toScaled,
  writeScaled16,
} from './bytes'
import { WsqError } from './errors'
import { ALL_SUBBANDS } from './geometry'
import { MAX_CODE_LENGTH, type HuffmanTable } from './huffman'
import { MARKER } from './markers'
import type { QuantTable } from './quantizer'
import type { FilterPair } from './wavelet'

/** The frame header (SOF, §B.2.3). */
export interface FrameHeader {
  black: number
  white: number
  width: number
  height: number
  /** The image mean M subtracted before the transform. */
  shift: number
  /** The scale R: pixels are coded as (p − M) / R. */
  scale: number
  /** Encoder number (2 for this version of the specification). */
  encoder: number
  /** Software implementation number. */
  software: number
}

/** Writes a marker segment: marker, length (including itself), body. */
function segment(out: ByteWriter, marker: number, body: ByteWriter): void {
  out
    .u16(marker)
    .u16(body.length + 2)
    .bytes(body.toBytes())
}

export function writeFrameHeader(out: ByteWriter, f: FrameHeader): void {
  const body = new ByteWriter().byte(f.black).byte(f.white).u16(f.height).u16(f.width)
  writeScaled16(body, f.shift)
  writeScaled16(body, f.scale)
  body.byte(f.encoder).u16(f.software)
  segment(out, MARKER.SOF, body)
}

export function readFrameHeader(r: ByteReader): FrameHeader {
  const black = r.byte('SOF black')
  const white = r.byte('SOF white')
  const height = r.u16('SOF height')
  const width = r.u16('SOF width')
  const shift = readScaled16(r, 'SOF shift')
  const scale = readScaled16(r, 'SOF scale')
  const encoder = r.byte('SOF encoder')
  const software = r.u16('SOF software')
  return { black, white, width, height, shift, scale, encoder, software }
}

/** One filter's right half, middle tap first: sign byte, exponent byte, 32-bit mantissa. */
function writeHalf(body: ByteWriter, taps: Float64Array): void {
  for (let i = (taps.length - 1) / 2; i < taps.length; i++) {
    const v = taps[i] ?? 0
    const s = toScaled(Math.abs(v), 0xffffffff)
    body
      .byte(v < 0 ? 1 : 0)
      .byte(s.exponent)
      .u32(s.mantissa)
  }
}

export function writeTransformTable(out: ByteWriter, filters: FilterPair): void {
  const body = new ByteWriter().byte(filters.lowpass.length).byte(filters.highpass.length)
  writeHalf(body, filters.lowpass)
  writeHalf(body, filters.highpass)
  segment(out, MARKER.DTT, body)
}

function readHalf(r: ByteReader, length: number, what: string): Float64Array {
  const taps = new Float64Array(length)
  const middle = (length - 1) / 2
  for (let i = 0; i <= middle; i++) {
    const sign = r.byte(what)
    const v = fromScaled(r.byte(what), r.u32(what))
    taps[middle + i] = sign === 0 ? v : -v
    taps[middle - i] = taps[middle + i] ?? 0
  }
  return taps
}

/** Reads the filters (DTT, §B.2.4); only odd-length (whole-sample symmetric) pairs are decoded. */
export function readTransformTable(r: ByteReader): FilterPair {
  const low = r.byte('DTT lowpass length')
  const high = r.byte('DTT highpass length')
  if (low % 2 === 0 || high % 2 === 0 || low > 31 || high > 31)
    throw new WsqError(
      'unsupported',
      `filters of ${low} and ${high} taps (odd lengths ≤ 31 decode)`,
    )
  return { lowpass: readHalf(r, low, 'DTT lowpass'), highpass: readHalf(r, high, 'DTT highpass') }
}

export function writeQuantTable(out: ByteWriter, table: QuantTable): void {
  const body = new ByteWriter()
  writeScaled16(body, table.binCentre)
  for (let k = 0; k < ALL_SUBBANDS; k++) {
    writeScaled16(body, table.q[k] ?? 0)
    writeScaled16(body, table.z[k] ?? 0)
  }
  segment(out, MARKER.DQT, body)
}

export function readQuantTable(r: ByteReader): QuantTable {
  const binCentre = readScaled16(r, 'DQT bin centre')
  const q = new Float64Array(ALL_SUBBANDS)
  const z = new Float64Array(ALL_SUBBANDS)
  for (let k = 0; k < ALL_SUBBANDS; k++) {
    q[k] = readScaled16(r, `DQT Q${k}`)
    z[k] = readScaled16(r, `DQT Z${k}`)
  }
  return { q, z, binCentre }
}

export function writeHuffmanTable(out: ByteWriter, id: number, table: HuffmanTable): void {
  const body = new ByteWriter().byte(id).bytes(table.bits).bytes(table.values)
  segment(out, MARKER.DHT, body)
}

/** A DHT segment may hold several tables, one after the other (§B.2.6). */
export function readHuffmanTables(r: ByteReader): { id: number; table: HuffmanTable }[] {
  const out: { id: number; table: HuffmanTable }[] = []
  while (r.remaining > 0) {
    const id = r.byte('DHT table id')
    if (id > 7) throw new WsqError('bad-huffman', `Huffman table id ${id} (0 … 7)`)
    const bits = r.take(MAX_CODE_LENGTH, 'DHT code counts').slice()
    const count = bits.reduce((a, b) => a + b, 0)
    if (count > 256) throw new WsqError('bad-huffman', `${count} codes in one table`)
    out.push({ id, table: { bits, values: r.take(count, 'DHT symbols').slice() } })
  }
  return out
}

export function writeComment(out: ByteWriter, text: string): void {
  const bytes = new TextEncoder().encode(text)
  if (bytes.length > 0xffff - 2) throw new WsqError('bad-image', 'a comment over 65 533 bytes')
  segment(out, MARKER.COM, new ByteWriter().bytes(bytes))
}

export function writeBlockHeader(out: ByteWriter, tableId: number): void {
  segment(out, MARKER.SOB, new ByteWriter().byte(tableId))
}

/** The NIST comment NBIS-based readers look for (PPI, size, bit rate), one "NAME value" a line. */
export function nistComment(width: number, height: number, ppi: number, bitRate: number): string {
  const lines = [
    `PIX_WIDTH ${width}`,
    `PIX_HEIGHT ${height}`,
    'PIX_DEPTH 8',
    `PPI ${ppi}`,
    'LOSSY 1',
    'COLORSPACE GRAY',
    'COMPRESSION WSQ',
    `WSQ_BITRATE ${bitRate.toFixed(6)}`,
  ]
  return [`NIST_COM ${lines.length + 1}`, ...lines].join('\n')
}

/** The PPI a NIST comment gives, or null. */
export function ppiOfComment(text: string): number | null {
  if (!text.startsWith('NIST_COM')) return null
  const line = text.split('\n').find((l) => l.startsWith('PPI '))
  const ppi = line ? Number.parseInt(line.slice(4), 10) : NaN
  return Number.isInteger(ppi) && ppi > 0 ? ppi : null
}
