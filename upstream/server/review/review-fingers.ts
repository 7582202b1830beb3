import { encodeFingerImage, readFingerImageRecord } from '../../../drivers/fingerprint'
import { UpstreamError } from '../errors'

/** A finger record larger than this is not decoded for the page (a 19794-4 JP2 print is ~100 KB). */
export const MAX_FINGER_RECORD_BYTES = 4 * 1024 * 1024

/**
 * The first image of an ISO/IEC 19794-4 finger record, as a grey PNG for the browser: PNG and
 * JPEG 2000 (in the codec worker, under the fingerprint decode budget) are both decoded and
 * re-encoded, so what the page shows is what the record holds. Throws `not_found` for a
 * placeholder and `invalid_file` when the record is too large or does not decode.
 */
export async function fingerPng(part: {
  data: Uint8Array
  placeholder: boolean
}): Promise<Uint8Array> {
  if (part.placeholder) throw new UpstreamError('not_found', 'the finger is a placeholder')
  if (part.data.byteLength > MAX_FINGER_RECORD_BYTES)
    throw new UpstreamError('invalid_file', `the finger record is ${part.data.byteLength} bytes`)
  let images
  try {
    images = (await readFingerImageRecord(part.data)).images
  } catch (error) {
    // The record's content is personal data: the message names the failure, not the bytes.
    const reason = error instanceof Error ? error.message : String(error)
    throw new UpstreamError('invalid_file', `the finger record does not decode: ${reason}`)
  }
  const first = images[0]
  if (!first) throw new UpstreamError('invalid_file', 'the finger record holds no image')
  return encodeFingerImage(first.image, 'png')
}
