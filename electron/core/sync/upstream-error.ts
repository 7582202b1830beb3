import type { ErrorClass, ErrorCode } from '../../../protocol'

/**
 * One failed exchange with the upstream. `network`: no HTTP answer (refused, reset, timeout);
 * `http`: an error status; `protocol`: a 2xx answer that does not match the contract.
 */
export class UpstreamRequestError extends Error {
  constructor(
    readonly kind: 'network' | 'http' | 'protocol',
    readonly errorClass: ErrorClass,
    message: string,
    readonly status: number | null = null,
    readonly code: ErrorCode | null = null,
    readonly receivedOffset: number | undefined = undefined,
  ) {
    super(message)
    this.name = 'UpstreamRequestError'
  }

  get retryable(): boolean {
    return this.errorClass === 'retryable'
  }
}
