import { CatalogueError, messageRef } from '../../../lib/messages'

export const wsqErrorCodes = [
  /** The bytes end inside a segment or an entropy-coded block. */
  'truncated',
  /** A marker is missing, unknown or out of the order the specification allows. */
  'bad-marker',
  /** A segment's length or fields disagree with the specification. */
  'bad-segment',
  /** A valid file the kiosk does not decode (restart intervals, even-length filters, too large). */
  'unsupported',
  /** A Huffman table is malformed or the coded data does not decode with it. */
  'bad-huffman',
  /** The coefficients run past their block or a block is missing. */
  'bad-data',
  /** The image handed to the encoder cannot be coded (size, pixel count, bit rate). */
  'bad-image',
] as const
export type WsqErrorCode = (typeof wsqErrorCodes)[number]

/**
 * The one failure the WSQ encoder and decoder throw: anything a file or a device hands us can only
 * fail this way, never with a stray TypeError or RangeError. The sentence is
 * `messages.fingerprint.invalidWsq` with the code; `detail` says where (for logs and support).
 */
export class WsqError extends CatalogueError {
  override readonly name = 'WsqError'

  constructor(
    readonly code: WsqErrorCode,
    override readonly detail: string,
  ) {
    super(messageRef('messages.fingerprint.invalidWsq', { code }), detail)
  }
}
