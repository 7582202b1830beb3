import { CatalogueError, messageRef } from '../messages'
import { ParseError } from '../parse-error'

/**
 * Why JPEG 2000 bytes were not decoded. Refused before any decoding: not JPEG 2000 at all, a broken
 * header, a layout the kiosk does not decode, a header asking for more than the caller's budget,
 * an image whose size disagrees with its container. Refused by the decoder: a codestream it
 * rejects, a decoder that ran out of its memory cap, or one that took longer than its deadline.
 */
export type Jpeg2000DecodeFailure =
  | 'not-jpeg2000'
  | 'header'
  | 'unsupported'
  | 'over-budget'
  | 'mismatch'
  | 'undecodable'
  | 'out-of-memory'
  | 'timeout'

/** The one failure of decoding untrusted JPEG 2000 bytes: a ParseError with its reason. */
export class Jpeg2000DecodeError extends ParseError {
  constructor(
    readonly reason: Jpeg2000DecodeFailure,
    detail: string,
  ) {
    super('jpeg2000', detail)
  }
}

/** Why our own pixels were not encoded. */
export type Jpeg2000EncodeFailure = 'bad-input' | 'encoder-failed' | 'out-of-memory' | 'timeout'

/** Encoding an image failed; the encoder's own exceptions (bare numbers) never escape. */
export class Jpeg2000EncodeError extends CatalogueError {
  constructor(
    readonly reason: Jpeg2000EncodeFailure,
    detail: string,
  ) {
    super(messageRef('messages.image.notEncoded', { format: 'JPEG 2000' }), detail)
    this.name = 'Jpeg2000EncodeError'
  }
}
