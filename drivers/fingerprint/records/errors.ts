/**
 * The one failure the record parsers throw: a finger record or envelope that is not what it claims
 * to be. Anything a device or a file hands us can only fail this way, never with a stray TypeError.
 */
export class RecordParseError extends Error {
  override readonly name = 'RecordParseError'
  constructor(
    /** What was being parsed: 'iso19794-4', 'jp2', 'png', 'cbeff'. */
    readonly what: string,
    readonly detail: string,
  ) {
    super(`Bản ghi vân tay không hợp lệ / Invalid fingerprint record (${what}): ${detail}`)
  }
}
