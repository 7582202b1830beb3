import { bilingualLine, messageRef, type CatalogueMessage } from '../../lib/messages'
import { errorHttpStatus, type ErrorBody, type ErrorCode } from '../../protocol'

/** A refusal the routes throw; the error handler turns it into an ErrorBody. */
export class UpstreamError extends Error implements CatalogueMessage {
  constructor(
    readonly code: ErrorCode,
    readonly detail: string,
    readonly receivedOffset?: number,
    /** Sent in the body (review API): what the page words the refusal with. */
    readonly params: Record<string, string | number> = {},
  ) {
    super(`${code}: ${detail}`)
    this.name = 'UpstreamError'
  }

  get messageKey(): string {
    return upstreamErrorMessage(this.code).messageKey
  }

  get status(): number {
    return errorHttpStatus[this.code]
  }

  toBody(): ErrorBody {
    const body = errorBody(this.code, this.detail, this.receivedOffset)
    if (Object.keys(this.params).length) body.error.params = { ...this.params }
    return body
  }
}

/** The catalogue sentence of a refusal: `messages.upstream.<code>`. */
export function upstreamErrorMessage(code: ErrorCode): CatalogueMessage {
  return messageRef(`messages.upstream.${code}`)
}

/**
 * The wire body of a refusal (shape fixed by protocol/): its message is "Vietnamese / English:
 * detail", formatted from the catalogue, as the project's rules want for anything a user may read.
 */
export function errorBody(code: ErrorCode, detail: string, receivedOffset?: number): ErrorBody {
  return {
    error: {
      code,
      message: bilingualLine(upstreamErrorMessage(code), detail).slice(0, 2000),
      ...(receivedOffset !== undefined ? { receivedOffset } : {}),
    },
  }
}
