import { Jpeg2000DecodeError } from './errors'

/**
 * What a JPEG 2000 codestream says about itself before any pixel is decoded (ISO/IEC 15444-1
 * Annex A): the image and tile grid from SIZ, and every coding style (COD, COC) of the main header
 * and of the tile-part headers. These are the numbers OpenJPEG sizes its allocations by, so the
 * decode budget (decode-budget.ts) is checked against them first.
 */
export interface CodestreamHeader {
  /** Image area on the reference grid (Xsiz − XOsiz, Ysiz − YOsiz). */
  width: number
  height: number
  /** Nominal tile size (XTsiz, YTsiz) and the number of tiles across and down the grid. */
  tileWidth: number
  tileHeight: number
  tilesAcross: number
  tilesDown: number
  components: readonly ComponentInfo[]
  /** Every COD and COC of the main header and of the tile-part headers, in stream order. */
  codingStyles: readonly CodingStyle[]
  /** Quality layers: the largest count any COD (main or tile-part) declares. */
  layers: number
}

export interface ComponentInfo {
  /** Bits per sample, 1 … 38. */
  precision: number
  signed: boolean
  /** Subsampling (XRsiz, YRsiz), 1 … 255. */
  dx: number
  dy: number
}

export interface CodingStyle {
  decompositionLevels: number
  /** Code-block size exponents (width = 2^x), 2 … 10 each. */
  codeBlockWidthExp: number
  codeBlockHeightExp: number
  /** Precinct size exponents per resolution (lowest first); null means the maximum, 2^15. */
  precincts: readonly { x: number; y: number }[] | null
  /** Wavelet: 5/3 reversible (lossless) or 9/7 irreversible. */
  reversible: boolean
}

const MARKER = {
  SOC: 0xff4f,
  SIZ: 0xff51,
  COD: 0xff52,
  COC: 0xff53,
  SOT: 0xff90,
  SOD: 0xff93,
  EOC: 0xffd9,
} as const
const JP2_SIGNATURE = [0, 0, 0, 0x0c, 0x6a, 0x50, 0x20, 0x20, 0x0d, 0x0a, 0x87, 0x0a]

function headerError(detail: string): Jpeg2000DecodeError {
  return new Jpeg2000DecodeError('header', detail)
}

/**
 * The codestream of JPEG 2000 data: a bare codestream as it is, or the contiguous codestream box
 * ('jp2c') of a JP2 file (ISO/IEC 15444-1 Annex I). Only the codestream is ever handed to the
 * decoder, so the JP2 boxes (palettes, channel definitions) cannot make it allocate anything.
 */
export function findCodestream(data: Uint8Array): Uint8Array {
  if (data[0] === 0xff && data[1] === 0x4f) return data
  if (data.length < JP2_SIGNATURE.length || !JP2_SIGNATURE.every((b, i) => data[i] === b)) {
    throw new Jpeg2000DecodeError('not-jpeg2000', 'neither a JP2 file nor a JPEG 2000 codestream')
  }
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength)
  let at = 0
  while (at + 8 <= data.length) {
    let length = view.getUint32(at)
    const type = String.fromCharCode(...data.subarray(at + 4, at + 8))
    let headerLength = 8
    if (length === 1) {
      if (at + 16 > data.length) break
      length = view.getUint32(at + 8) * 2 ** 32 + view.getUint32(at + 12)
      headerLength = 16
    } else if (length === 0) {
      length = data.length - at
    }
    if (length < headerLength || at + length > data.length) {
      throw headerError(`JP2 box ${JSON.stringify(type)} overruns the file`)
    }
    if (type === 'jp2c') return data.subarray(at + headerLength, at + length)
    at += length
  }
  throw headerError('JP2 file without a codestream box')
}

/** Bounds-checked big-endian reads over one marker segment or the whole stream. */
class Reader {
  constructor(
    private readonly bytes: Uint8Array,
    private readonly end: number,
    public at: number,
  ) {}

  private take(n: number, what: string): number {
    if (this.at + n > this.end) throw headerError(`truncated at ${what}`)
    const start = this.at
    this.at += n
    return start
  }
  u8(what: string): number {
    return this.bytes[this.take(1, what)] ?? 0
  }
  u16(what: string): number {
    const at = this.take(2, what)
    return ((this.bytes[at] ?? 0) << 8) | (this.bytes[at + 1] ?? 0)
  }
  u32(what: string): number {
    const at = this.take(4, what)
    return this.u16At(at) * 0x10000 + this.u16At(at + 2)
  }
  private u16At(at: number): number {
    return ((this.bytes[at] ?? 0) << 8) | (this.bytes[at + 1] ?? 0)
  }
}

interface Siz {
  width: number
  height: number
  tileWidth: number
  tileHeight: number
  tilesAcross: number
  tilesDown: number
  components: ComponentInfo[]
}

function readSiz(segment: Reader): Siz {
  segment.u16('Rsiz')
  const [xsiz, ysiz, xo, yo] = [
    segment.u32('Xsiz'),
    segment.u32('Ysiz'),
    segment.u32('XOsiz'),
    segment.u32('YOsiz'),
  ]
  const [xt, yt, xto, yto] = [
    segment.u32('XTsiz'),
    segment.u32('YTsiz'),
    segment.u32('XTOsiz'),
    segment.u32('YTOsiz'),
  ]
  const count = segment.u16('Csiz')
  if (xsiz <= xo || ysiz <= yo) throw headerError(`empty image area ${xsiz}×${ysiz} at ${xo},${yo}`)
  if (xt === 0 || yt === 0) throw headerError('tile size 0')
  // Annex A.5.1: the first tile starts at or before the image and overlaps it.
  if (xto > xo || yto > yo || xto + xt <= xo || yto + yt <= yo) {
    throw headerError('the tile grid does not cover the image origin')
  }
  if (count < 1 || count > 16384) throw headerError(`${count} components`)
  const components: ComponentInfo[] = []
  for (let i = 0; i < count; i++) {
    const ssiz = segment.u8('Ssiz')
    const dx = segment.u8('XRsiz')
    const dy = segment.u8('YRsiz')
    const precision = (ssiz & 0x7f) + 1
    if (precision > 38) throw headerError(`component ${i} has ${precision} bits`)
    if (dx === 0 || dy === 0) throw headerError(`component ${i} has subsampling 0`)
    components.push({ precision, signed: (ssiz & 0x80) !== 0, dx, dy })
  }
  return {
    width: xsiz - xo,
    height: ysiz - yo,
    tileWidth: xt,
    tileHeight: yt,
    tilesAcross: Math.ceil((xsiz - xto) / xt),
    tilesDown: Math.ceil((ysiz - yto) / yt),
    components,
  }
}

/** SPcod / SPcoc (Table A.15): levels, code-block size and style, transform, precincts. */
function readCodingStyle(segment: Reader, userPrecincts: boolean): CodingStyle {
  const levels = segment.u8('decomposition levels')
  const xcb = segment.u8('code-block width') + 2
  const ycb = segment.u8('code-block height') + 2
  segment.u8('code-block style')
  const transform = segment.u8('transformation')
  if (levels > 32) throw headerError(`${levels} decomposition levels`)
  if (xcb > 10 || ycb > 10 || xcb + ycb > 12) throw headerError(`code-block 2^${xcb}×2^${ycb}`)
  if (transform > 1) throw headerError(`wavelet transformation ${transform}`)
  let precincts: { x: number; y: number }[] | null = null
  if (userPrecincts) {
    precincts = []
    for (let r = 0; r <= levels; r++) {
      const size = segment.u8('precinct size')
      const precinct = { x: size & 0x0f, y: size >> 4 }
      // Table A.21: a precinct of 1 sample only at the lowest resolution.
      if (r > 0 && (precinct.x === 0 || precinct.y === 0)) throw headerError('precinct exponent 0')
      precincts.push(precinct)
    }
  }
  return {
    decompositionLevels: levels,
    codeBlockWidthExp: xcb,
    codeBlockHeightExp: ycb,
    precincts,
    reversible: transform === 1,
  }
}

interface CodingParameters {
  styles: CodingStyle[]
  layers: number
}

/** Reads a COD or COC segment into `into`; other segments are skipped by the caller. */
function readCodingSegment(
  marker: number,
  segment: Reader,
  siz: Siz,
  into: CodingParameters,
): void {
  if (marker === MARKER.COD) {
    const scod = segment.u8('Scod')
    segment.u8('progression order')
    const layers = segment.u16('layers')
    segment.u8('multiple component transformation')
    if (layers === 0) throw headerError('0 quality layers')
    into.layers = Math.max(into.layers, layers)
    into.styles.push(readCodingStyle(segment, (scod & 1) !== 0))
  } else if (marker === MARKER.COC) {
    const component = siz.components.length < 257 ? segment.u8('Ccoc') : segment.u16('Ccoc')
    if (component >= siz.components.length) throw headerError(`COC for component ${component}`)
    const scoc = segment.u8('Scoc')
    into.styles.push(readCodingStyle(segment, (scoc & 1) !== 0))
  }
}

/**
 * Walks the marker segments from `at` up to the next SOT or SOD, reading COD and COC and skipping
 * the rest; returns where that SOT or SOD is. Every segment has a length of at least 2, so the
 * walk always moves forward.
 */
function readMarkerSegments(
  stream: Uint8Array,
  at: number,
  siz: Siz,
  into: CodingParameters,
): { at: number; marker: number } {
  const reader = new Reader(stream, stream.length, at)
  for (;;) {
    const markerAt = reader.at
    const marker = reader.u16('marker')
    if (marker === MARKER.SOD || marker === MARKER.SOT) return { at: markerAt, marker }
    if (marker === MARKER.EOC) throw headerError('codestream ends inside a header')
    if (marker >>> 8 !== 0xff) throw headerError(`no marker at offset ${markerAt}`)
    const length = reader.u16('marker segment length')
    if (length < 2) throw headerError(`marker ${marker.toString(16)} of length ${length}`)
    const end = markerAt + 2 + length
    if (end > stream.length) throw headerError(`marker ${marker.toString(16)} overruns the stream`)
    readCodingSegment(marker, new Reader(stream, end, reader.at), siz, into)
    reader.at = end
  }
}

/**
 * Tile-part headers (SOT … SOD) may override the coding style: walk them by their Psot lengths.
 * The walk ends at the last tile-part (Psot 0), at EOC, or where the data is cut short: a
 * tile-part header that is not there cannot be decoded either.
 */
function readTilePartHeaders(
  stream: Uint8Array,
  firstSot: number,
  siz: Siz,
  into: CodingParameters,
): void {
  const tiles = siz.tilesAcross * siz.tilesDown
  let at = firstSot
  while (at + 14 <= stream.length) {
    const sot = new Reader(stream, stream.length, at)
    if (sot.u16('SOT') !== MARKER.SOT) return
    if (sot.u16('Lsot') !== 10) throw headerError('SOT segment of the wrong length')
    const tile = sot.u16('Isot')
    const length = sot.u32('Psot')
    sot.u16('TPsot, TNsot')
    if (tile >= tiles) throw headerError(`tile ${tile} of ${tiles}`)
    if (length !== 0 && length < 14) throw headerError(`tile-part of ${length} bytes`)
    const end = length === 0 ? stream.length : at + length
    const header = stream.subarray(0, Math.min(end, stream.length))
    if (readMarkerSegments(header, sot.at, siz, into).marker !== MARKER.SOD) {
      throw headerError(`tile-part header of tile ${tile} without SOD`)
    }
    if (length === 0 || end > stream.length) return
    at = end
  }
}

/** Reads SIZ, COD, COC of a bare codestream. Throws Jpeg2000DecodeError only. */
export function readCodestreamHeader(stream: Uint8Array): CodestreamHeader {
  const reader = new Reader(stream, stream.length, 0)
  if (reader.u16('SOC') !== MARKER.SOC)
    throw new Jpeg2000DecodeError('not-jpeg2000', 'no SOC marker')
  if (reader.u16('SIZ') !== MARKER.SIZ) throw headerError('SIZ does not follow SOC')
  const sizLength = reader.u16('Lsiz')
  if (sizLength < 41 || 4 + sizLength > stream.length)
    throw headerError(`SIZ of length ${sizLength}`)
  const siz = readSiz(new Reader(stream, 4 + sizLength, reader.at))
  if (sizLength !== 38 + 3 * siz.components.length)
    throw headerError('SIZ length disagrees with Csiz')
  const coding: CodingParameters = { styles: [], layers: 0 }
  const end = readMarkerSegments(stream, 4 + sizLength, siz, coding)
  if (end.marker !== MARKER.SOT) throw headerError('SOD in the main header')
  if (coding.layers === 0) throw headerError('no COD in the main header')
  readTilePartHeaders(stream, end.at, siz, coding)
  return {
    width: siz.width,
    height: siz.height,
    tileWidth: siz.tileWidth,
    tileHeight: siz.tileHeight,
    tilesAcross: siz.tilesAcross,
    tilesDown: siz.tilesDown,
    components: siz.components,
    codingStyles: coding.styles,
    layers: coding.layers,
  }
}
