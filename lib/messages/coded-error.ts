import { formatMessage, type MessageParams } from './catalogue'
import type { CatalogueMessage } from './message-ref'

/**
 * An error a person may read: `code` is a key of the message catalogue and `params` fill its
 * placeholders. `message` is the English text, for logs and support; each surface (renderer, CLI,
 * upstream pages) renders `code` and `params` in its own language.
 */
export class CodedError extends Error implements CatalogueMessage {
  constructor(
    readonly code: string,
    readonly params: MessageParams = {},
    options?: { cause?: unknown },
  ) {
    super(formatMessage('en', code, params), options)
    this.name = 'CodedError'
  }

  /** The catalogue key: the code itself. */
  get messageKey(): string {
    return this.code
  }

  get vi(): string {
    return formatMessage('vi', this.code, this.params)
  }

  get en(): string {
    return formatMessage('en', this.code, this.params)
  }
}
