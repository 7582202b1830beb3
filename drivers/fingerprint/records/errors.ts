import { bilingualLine, messageRef, type CatalogueMessage } from '../../../lib/messages'

/**
 * The one failure the record parsers throw: a finger record or envelope that is not what it claims
 * to be. Anything a device or a file hands us can only fail this way, never with a stray TypeError.
 */
export class RecordParseError extends Error implements CatalogueMessage {
  override readonly name = 'RecordParseError'
  readonly messageKey = 'messages.fingerprint.invalidRecord'
  readonly params: { readonly what: string }

  constructor(
    /** What was being parsed: 'iso19794-4', 'jp2', 'png', 'wsq', 'cbeff'. */
    readonly what: string,
    readonly detail: string,
  ) {
    super(bilingualLine(messageRef('messages.fingerprint.invalidRecord', { what }), detail))
    this.params = { what }
  }
}
