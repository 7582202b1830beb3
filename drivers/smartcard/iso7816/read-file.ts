import { concat } from '../../../lib/bytes'
import type { CardChannel } from './apdu'
import { MAX_B0_OFFSET, hexFid, readBinary, selectFile, type ReadBinaryResult } from './commands'
import { CardError } from './errors'
import { parseTlvHeader, type TlvHeader } from './tlv-header'

/**
 * Default data bytes per short READ BINARY: 223 (JMRTD's block size). Under AES secure messaging
 * 223 bytes pad to 224 and still fit a 256-byte short response with DO'87', DO'99' and DO'8E'.
 */
export const DEFAULT_SHORT_CHUNK = 0xdf
/** Default data bytes per extended READ BINARY; leaves room for the SM wrapping under 64 KB. */
export const DEFAULT_EXTENDED_CHUNK = 0x8000
/** Largest file readFile accepts unless told otherwise; a hostile header cannot make it loop on. */
export const DEFAULT_MAX_FILE_SIZE = 1 << 20
/** Bytes read first at short length to learn the file size: tag (1) + length up to 82 xx xx. */
export const HEADER_READ = 4
/** Bytes DO'53' adds around an odd-INS (B1) answer, taken off the block past offset 7FFF. */
const B1_OVERHEAD = 4

export interface ReadFileOptions {
  /** Data bytes asked per READ BINARY. Default DEFAULT_SHORT_CHUNK, or DEFAULT_EXTENDED_CHUNK. */
  maxChunk?: number
  /** Called after every answer with the bytes read so far and the file size. */
  onProgress?: (bytesRead: number, total: number) => void
  /** Read the first bytes by short file identifier instead of sending SELECT (saves one APDU). */
  sfi?: number
  maxFileSize?: number
}

/**
 * Reads a whole transparent EF holding one BER-TLV (every LDS file): SELECT, then READ BINARY in
 * blocks of `maxChunk`. With extended length the first block is asked whole, so a file that fits
 * one block costs one READ BINARY (the card answers 6282 with what there is); at short length the
 * first read asks only the TLV header (4 bytes), as eMRTD readers always have, because some chips
 * leave a 6282 answer without its secure messaging MAC (vsmartcard's ePassport does). Either way
 * the TLV header gives the size. Short answers are continued from where they stopped; a file that ends before its header says is a FILE_TRUNCATED error. Works over any
 * CardChannel, secure messaging included. An empty file gives an empty array.
 */
export async function readFile(
  channel: CardChannel,
  fid: number,
  options: ReadFileOptions = {},
): Promise<Uint8Array> {
  const maxChunk =
    options.maxChunk ?? (channel.extendedLength ? DEFAULT_EXTENDED_CHUNK : DEFAULT_SHORT_CHUNK)
  if (!Number.isInteger(maxChunk) || maxChunk < 1) throw new RangeError(`maxChunk ${maxChunk}`)
  const maxFileSize = options.maxFileSize ?? DEFAULT_MAX_FILE_SIZE
  const what = `EF ${hexFid(fid)}`

  let first: ReadBinaryResult
  const headerRead = channel.extendedLength ? maxChunk : Math.min(HEADER_READ, maxChunk)
  if (options.sfi !== undefined) {
    first = await readBinary(channel, 0, headerRead, { sfi: options.sfi })
  } else {
    await selectFile(channel, fid)
    first = await readBinary(channel, 0, headerRead)
  }
  let start = first.data
  let header: TlvHeader | null = parseTlvHeader(start)
  let ended = first.endOfFile || start.length === 0
  while (header === null) {
    if (ended) {
      if (start.length === 0) return new Uint8Array(0)
      throw CardError.of('FILE_TRUNCATED', `${what} ends inside its TLV header`)
    }
    const more = await readBinary(channel, start.length, headerRead)
    start = concat(start, more.data)
    ended = more.endOfFile || more.data.length === 0
    header = parseTlvHeader(start)
  }

  const total = header.headerLength + header.valueLength
  if (total > maxFileSize) {
    throw CardError.of('FILE_TOO_LARGE', `${what} declares ${total} bytes (limit ${maxFileSize})`)
  }
  const out = new Uint8Array(total)
  let read = Math.min(start.length, total)
  out.set(start.subarray(0, read))
  options.onProgress?.(read, total)
  while (read < total) {
    if (ended) throw CardError.of('FILE_TRUNCATED', `${what}: ${read} of ${total} bytes`)
    const block =
      read > MAX_B0_OFFSET && maxChunk > 2 * B1_OVERHEAD ? maxChunk - B1_OVERHEAD : maxChunk
    const chunk = await readBinary(channel, read, Math.min(block, total - read))
    const take = chunk.data.subarray(0, total - read)
    out.set(take, read)
    read += take.length
    ended = chunk.endOfFile || take.length === 0
    options.onProgress?.(read, total)
  }
  return out
}
