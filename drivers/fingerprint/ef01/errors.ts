import { messageRef } from '../../../lib/messages'
import { FingerprintError } from '../transport/errors'

export type FrameErrorKind = 'bad-header' | 'bad-pid' | 'bad-length' | 'bad-checksum'

/** Bytes on the wire that are not a well-formed EF01 packet. The only error the codec throws. */
export class Ef01FrameError extends FingerprintError {
  constructor(
    readonly kind: FrameErrorKind,
    detail: string,
  ) {
    super(`ef01-${kind}`, messageRef('messages.fingerprint.ef01.frame'), `${kind}: ${detail}`, true)
    this.name = 'Ef01FrameError'
  }
}

export type ProtocolErrorKind =
  | 'unexpected-pid'
  | 'wrong-address'
  | 'short-reply'
  | 'bad-image-size'
  | 'bad-parameter'
  | 'not-open'
  | 'busy'

/** A well-formed packet that is not what the protocol allows at this point. */
export class Ef01ProtocolError extends FingerprintError {
  constructor(
    readonly kind: ProtocolErrorKind,
    detail: string,
  ) {
    const retryable = kind !== 'bad-parameter' && kind !== 'not-open'
    super(
      `ef01-${kind}`,
      messageRef('messages.fingerprint.ef01.protocol'),
      `${kind}: ${detail}`,
      retryable,
    )
    this.name = 'Ef01ProtocolError'
  }
}

/** No (complete) answer within the deadline: the module is absent, asleep, or the reply was cut. */
export class Ef01TimeoutError extends FingerprintError {
  constructor(
    /** What was awaited: 'ack', 'data', 'ready'. */
    readonly awaiting: string,
    readonly timeoutMs: number,
    /** True when some bytes of the answer arrived (a truncated packet) rather than none. */
    readonly partial: boolean,
  ) {
    super(
      partial ? 'ef01-truncated' : 'ef01-no-answer',
      messageRef(`messages.fingerprint.ef01.${partial ? 'truncated' : 'no-answer'}`),
      `${awaiting} after ${timeoutMs} ms`,
      true,
    )
    this.name = 'Ef01TimeoutError'
  }
}
