// Which characters a font file maps to a glyph: the sfnt `cmap` table, read out of a raw
// TrueType/OpenType file, a WOFF (zlib per table) or a WOFF2 (one brotli stream). Test support
// for tests/unit/fonts-glyphs.test.ts; it reads files we ship, but checks every bound anyway.
import { brotliDecompressSync, inflateSync } from 'node:zlib'

export class FontFormatError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'FontFormatError'
  }
}

/** Bounds-checked big-endian reads over one table or file. */
class Reader {
  constructor(private readonly bytes: Uint8Array) {}
  get length(): number {
    return this.bytes.length
  }
  private check(offset: number, size: number): void {
    if (!Number.isInteger(offset) || offset < 0 || offset + size > this.bytes.length)
      throw new FontFormatError(`read of ${size} bytes at ${offset} past ${this.bytes.length}`)
  }
  u8(offset: number): number {
    this.check(offset, 1)
    return this.bytes[offset] ?? 0
  }
  u16(offset: number): number {
    return (this.u8(offset) << 8) | this.u8(offset + 1)
  }
  i16(offset: number): number {
    const value = this.u16(offset)
    return value >= 0x8000 ? value - 0x10000 : value
  }
  u32(offset: number): number {
    return this.u16(offset) * 0x10000 + this.u16(offset + 2)
  }
  tag(offset: number): string {
    this.check(offset, 4)
    return String.fromCharCode(...this.bytes.subarray(offset, offset + 4))
  }
  slice(offset: number, size: number): Uint8Array {
    this.check(offset, size)
    return this.bytes.subarray(offset, offset + size)
  }
}

/** The tables of a font file by tag (decompressed; WOFF2's transformed tables left as they are). */
export function fontTables(file: Uint8Array): Map<string, Uint8Array> {
  const reader = new Reader(file)
  const signature = reader.tag(0)
  if (signature === 'wOFF') return woffTables(reader)
  if (signature === 'wOF2') return woff2Tables(reader)
  if (signature === '\0\x01\0\0' || signature === 'OTTO' || signature === 'true')
    return sfntTables(reader)
  throw new FontFormatError(`not a font: signature ${JSON.stringify(signature)}`)
}

function sfntTables(reader: Reader): Map<string, Uint8Array> {
  const tables = new Map<string, Uint8Array>()
  const count = reader.u16(4)
  for (let i = 0; i < count; i++) {
    const record = 12 + i * 16
    tables.set(reader.tag(record), reader.slice(reader.u32(record + 8), reader.u32(record + 12)))
  }
  return tables
}

function woffTables(reader: Reader): Map<string, Uint8Array> {
  const tables = new Map<string, Uint8Array>()
  const count = reader.u16(12)
  for (let i = 0; i < count; i++) {
    const entry = 44 + i * 20
    const stored = reader.slice(reader.u32(entry + 4), reader.u32(entry + 8))
    const originalLength = reader.u32(entry + 12)
    const data = stored.length < originalLength ? inflate(stored, originalLength) : stored
    if (data.length !== originalLength)
      throw new FontFormatError(`WOFF table ${reader.tag(entry)}: length ${data.length}`)
    tables.set(reader.tag(entry), data)
  }
  return tables
}

function inflate(data: Uint8Array, originalLength: number): Uint8Array {
  try {
    // A table that inflates past its declared length is broken: stop there.
    return inflateSync(data, { maxOutputLength: Math.max(1, originalLength) })
  } catch (error) {
    throw new FontFormatError(`WOFF table does not inflate: ${(error as Error).message}`)
  }
}

/** WOFF2's table tags by their 6-bit index in a directory entry's flags (63: the tag follows). */
const WOFF2_KNOWN_TAGS = [
  'cmap', 'head', 'hhea', 'hmtx', 'maxp', 'name', 'OS/2', 'post', 'cvt ', 'fpgm', 'glyf', 'loca',
  'prep', 'CFF ', 'VORG', 'EBDT', 'EBLC', 'gasp', 'hdmx', 'kern', 'LTSH', 'PCLT', 'VDMX', 'vhea',
  'vmtx', 'BASE', 'GDEF', 'GPOS', 'GSUB', 'EBSC', 'JSTF', 'MATH', 'CBDT', 'CBLC', 'COLR', 'CPAL',
  'SVG ', 'sbix', 'acnt', 'avar', 'bdat', 'bloc', 'bsln', 'cvar', 'fdsc', 'feat', 'fmtx', 'fvar',
  'gvar', 'hsty', 'just', 'lcar', 'mort', 'morx', 'opbd', 'prop', 'trak', 'Zapf', 'Silf', 'Glat',
  'Gloc', 'Feat', 'Sill',
] // prettier-ignore

const WOFF2_HEADER_SIZE = 48
/** More than any font we ship decompresses to: a bound for broken input. */
const MAX_WOFF2_DATA = 64 * 1024 * 1024

function woff2Tables(reader: Reader): Map<string, Uint8Array> {
  if (reader.tag(4) === 'ttcf') throw new FontFormatError('WOFF2 font collections are not read')
  const count = reader.u16(12)
  const compressedSize = reader.u32(20)
  let at = WOFF2_HEADER_SIZE
  const entries: { tag: string; length: number }[] = []
  for (let i = 0; i < count; i++) {
    const flags = reader.u8(at++)
    const index = flags & 0x3f
    let tag = WOFF2_KNOWN_TAGS[index]
    if (index === 63) {
      tag = reader.tag(at)
      at += 4
    }
    if (tag === undefined) throw new FontFormatError(`WOFF2 table index ${index}`)
    const original = readBase128(reader, at)
    at = original.next
    const version = flags >> 6
    // glyf and loca are transformed unless version 3; every other table only when not 0.
    const transformed = tag === 'glyf' || tag === 'loca' ? version !== 3 : version !== 0
    let length = original.value
    if (transformed) {
      const transformLength = readBase128(reader, at)
      at = transformLength.next
      length = transformLength.value
    }
    entries.push({ tag, length })
  }
  const stream = new Reader(brotli(reader.slice(at, compressedSize)))
  const tables = new Map<string, Uint8Array>()
  let offset = 0
  for (const { tag, length } of entries) {
    tables.set(tag, stream.slice(offset, length))
    offset += length
  }
  return tables
}

function brotli(data: Uint8Array): Uint8Array {
  try {
    return brotliDecompressSync(data, { maxOutputLength: MAX_WOFF2_DATA })
  } catch (error) {
    throw new FontFormatError(`WOFF2 data does not decompress: ${(error as Error).message}`)
  }
}

/** WOFF2's UIntBase128: at most 5 bytes, no leading zero byte, fits in 32 bits. */
function readBase128(reader: Reader, offset: number): { value: number; next: number } {
  let value = 0
  for (let i = 0; i < 5; i++) {
    const byte = reader.u8(offset + i)
    if (i === 0 && byte === 0x80) throw new FontFormatError('UIntBase128 with a leading zero')
    if (value >= 2 ** 25) throw new FontFormatError('UIntBase128 overflows 32 bits')
    value = value * 128 + (byte & 0x7f)
    if ((byte & 0x80) === 0) return { value, next: offset + i + 1 }
  }
  throw new FontFormatError('UIntBase128 longer than 5 bytes')
}

/** Unicode cmap subtables, best first: full-repertoire format 12, then BMP format 4. */
const PREFERRED_ENCODINGS: readonly [platform: number, encoding: number, format: number][] = [
  [3, 10, 12],
  [0, 4, 12],
  [0, 6, 12],
  [3, 1, 4],
  [0, 3, 4],
  [0, 2, 4],
  [0, 1, 4],
  [0, 0, 4],
]

const MAX_CODE_POINT = 0x10ffff

/** The code points the font maps to a glyph other than .notdef. */
export function fontCodePoints(file: Uint8Array): Set<number> {
  const cmap = fontTables(file).get('cmap')
  if (!cmap) throw new FontFormatError('the font has no cmap table')
  return cmapCodePoints(cmap)
}

export function cmapCodePoints(table: Uint8Array): Set<number> {
  const cmap = new Reader(table)
  const count = cmap.u16(2)
  const subtables: { platform: number; encoding: number; format: number; offset: number }[] = []
  for (let i = 0; i < count; i++) {
    const record = 4 + i * 8
    const offset = cmap.u32(record + 4)
    subtables.push({
      platform: cmap.u16(record),
      encoding: cmap.u16(record + 2),
      format: cmap.u16(offset),
      offset,
    })
  }
  for (const [platform, encoding, format] of PREFERRED_ENCODINGS) {
    const found = subtables.find(
      (s) => s.platform === platform && s.encoding === encoding && s.format === format,
    )
    if (found) return format === 12 ? format12(cmap, found.offset) : format4(cmap, found.offset)
  }
  throw new FontFormatError('no Unicode cmap subtable of format 4 or 12')
}

/** Segment mapping to delta values (BMP only). */
function format4(cmap: Reader, at: number): Set<number> {
  const codes = new Set<number>()
  const segments = cmap.u16(at + 6) / 2
  const ends = at + 14
  const starts = ends + segments * 2 + 2
  const deltas = starts + segments * 2
  const rangeOffsets = deltas + segments * 2
  let previousEnd = -1
  for (let i = 0; i < segments; i++) {
    const start = cmap.u16(starts + i * 2)
    const end = cmap.u16(ends + i * 2)
    // Sorted, disjoint segments (as the format requires) also bound the work to 64 Ki codes.
    if (start > end || start <= previousEnd)
      throw new FontFormatError(`cmap segment ${start}-${end} out of order`)
    previousEnd = end
    const delta = cmap.i16(deltas + i * 2)
    const rangeOffsetAt = rangeOffsets + i * 2
    const rangeOffset = cmap.u16(rangeOffsetAt)
    for (let code = start; code <= end && code !== 0xffff; code++) {
      let glyph: number
      if (rangeOffset === 0) glyph = (code + delta) & 0xffff
      else {
        const indexed = cmap.u16(rangeOffsetAt + rangeOffset + 2 * (code - start))
        glyph = indexed === 0 ? 0 : (indexed + delta) & 0xffff
      }
      if (glyph !== 0) codes.add(code)
    }
  }
  return codes
}

/** Segmented coverage: groups of consecutive code points mapped to consecutive glyphs. */
function format12(cmap: Reader, at: number): Set<number> {
  const codes = new Set<number>()
  const groups = cmap.u32(at + 12)
  let previousEnd = -1
  for (let i = 0; i < groups; i++) {
    const group = at + 16 + i * 12
    const start = cmap.u32(group)
    const end = cmap.u32(group + 4)
    const startGlyph = cmap.u32(group + 8)
    if (end < start || end > MAX_CODE_POINT || start <= previousEnd)
      throw new FontFormatError(`cmap group ${start}-${end} out of order or of Unicode`)
    previousEnd = end
    for (let code = start; code <= end; code++)
      if (startGlyph + (code - start) !== 0) codes.add(code)
  }
  return codes
}
