/**
 * Typed failures of the smart-card stack. Parsers throw only ParseError, so a hostile card can make
 * a read fail with a reason but never crash the reader with something unexpected.
 */
export class ParseError extends Error {
  override readonly name = 'ParseError'
  constructor(
    /** What was being parsed: 'tlv', 'asn1', 'mrz', 'dg13', 'qr', 'sod', … */
    readonly what: string,
    message: string,
  ) {
    super(`${what}: ${message}`)
  }
}
