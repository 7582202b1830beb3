import { concat } from '../../../lib/bytes'
import { findCodestream, Jpeg2000DecodeError } from '../../../lib/jpeg2000'
import { RecordParseError } from './errors'

/**
 * JP2 file boxes (ISO/IEC 15444-1 Annex I) around a JPEG 2000 codestream. MOSIP's finger records
 * carry a JP2 file, not a bare codestream, so we add: signature, file type, header (image header +
 * greyscale colour specification) and the contiguous codestream box.
 */
const SIGNATURE = Uint8Array.of(0, 0, 0, 0x0c, 0x6a, 0x50, 0x20, 0x20, 0x0d, 0x0a, 0x87, 0x0a)

function box(type: string, body: Uint8Array): Uint8Array {
  const out = new Uint8Array(8 + body.length)
  new DataView(out.buffer).setUint32(0, out.length)
  out.set(new TextEncoder().encode(type), 4)
  out.set(body, 8)
  return out
}

export function wrapJp2(codestream: Uint8Array, width: number, height: number): Uint8Array {
  const ftyp = new Uint8Array(12)
  ftyp.set(new TextEncoder().encode('jp2 '), 0)
  ftyp.set(new TextEncoder().encode('jp2 '), 8)
  const ihdr = new Uint8Array(14)
  const v = new DataView(ihdr.buffer)
  v.setUint32(0, height)
  v.setUint32(4, width)
  v.setUint16(8, 1) // one component
  ihdr[10] = 7 // 8 bits, unsigned
  ihdr[11] = 7 // JPEG 2000 compression
  const colr = Uint8Array.of(1, 0, 0, 0, 0, 0, 17) // enumerated colour space 17 = greyscale
  const header = box('jp2h', Uint8Array.from([...box('ihdr', ihdr), ...box('colr', colr)]))
  const parts = [SIGNATURE, box('ftyp', ftyp), header, box('jp2c', codestream)]
  return concat(...parts)
}

/** The codestream inside a JP2 file; a bare codestream is returned as it is. */
export function unwrapJp2(data: Uint8Array): Uint8Array {
  try {
    return findCodestream(data)
  } catch (error) {
    if (error instanceof Jpeg2000DecodeError) throw new RecordParseError('jp2', error.message)
    throw error
  }
}
