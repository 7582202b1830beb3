import { messageRef } from '../../../lib/messages'
import {
  readResponseSignature,
  verifyResponse,
  type SignedAnswer,
  type UpstreamTrust,
} from '../../../protocol'
import { UpstreamRequestError } from './upstream-error'

/**
 * Whose signature an answer must carry:
 * - `registered`: the upstream the station registered with (every call after registration);
 * - `given`: this one (registration, with the upstream the registration code pinned);
 * - `derived`: decided from the parsed body. Registration's first look at the upstream checks the
 *   keys it names against the code's fingerprint and trusts them; the probe trusts the registered
 *   upstream when the body claims to be it, and nothing otherwise (null: the answer is taken
 *   unverified, and the caller, seeing another upstream id, stops or registers again).
 */
export type AnswerCheck =
  | { kind: 'registered' }
  | { kind: 'given'; trust: UpstreamTrust }
  | { kind: 'derived'; trustOf: (body: unknown) => UpstreamTrust | null }

/** The answer as received, with what it must be bound to. */
export interface ReceivedAnswer {
  answer: SignedAnswer
  headers: Headers
  request: string
}

/**
 * Refuses an answer not signed by `trust` for this request. An unverified 5xx stays a plain
 * retryable HTTP failure (a proxy's error page is no attack, and it changes nothing); any other
 * unverified answer is an upstream fault: retryable, so no file changes state because of it.
 */
export function checkAnswerSignature(received: ReceivedAnswer, trust: UpstreamTrust): void {
  const claims = readResponseSignature((name) => received.headers.get(name))
  const verdict = verifyResponse(received.answer, claims, trust)
  if (verdict.ok) return
  const { status } = received.answer
  if (status >= 500)
    throw new UpstreamRequestError(
      'http',
      'retryable',
      {
        text: messageRef('messages.sync.httpStatus', { status }),
        detail: `${received.request}: ${verdict.problem} answer`,
      },
      status,
    )
  const key =
    verdict.problem === 'bad-signature'
      ? 'messages.sync.badAnswerSignature'
      : 'messages.sync.unsignedAnswer'
  throw new UpstreamRequestError(
    'protocol',
    'retryable',
    { text: messageRef(key, { request: received.request }), detail: verdict.problem },
    status,
  )
}
