import { formatMessage, type MessageParams } from './catalogue'

/**
 * An error a person may read: `code` is a key of the message catalogue and `params` fill its
 * placeholders. `message` is the English text, for logs and support; each surface (renderer, CLI,
 * upstream pages) renders `code` and `params` in its own language.
 */
export class CodedError extends Error {
  constructor(
    readonly code: string,
    readonly params: MessageParams = {},
    options?: { cause?: unknown },
  ) {
    super(formatMessage('en', code, params), options)
    this.name = 'CodedError'
  }
}
