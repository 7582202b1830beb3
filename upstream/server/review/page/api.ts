import type { ErrorBody } from '../../../../protocol'
import type { UpstreamStats } from '../../db/files'
import type { SmsMessage } from '../../db/sms-outbox'
import type { ReviewSession } from '../accounts/reviewer'
import type { ReviewPortrait } from '../review-portrait'
import type { ReviewDetail, ReviewSummary } from '../review-summary'
import { textOf, type PageState } from './state'

export type { ReviewDetail, ReviewSession, ReviewSummary, SmsMessage, UpstreamStats }

/** A refusal of the review API: its code and params word it on the page (refusals.ts). */
export class ReviewApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly params: Readonly<Record<string, string | number>>,
    message: string,
  ) {
    super(message)
    this.name = 'ReviewApiError'
  }
}

/** A session that no longer works: the page asks the reviewer to sign in again. */
export const endsSession = (error: unknown): error is ReviewApiError =>
  error instanceof ReviewApiError && (error.status === 401 || error.code === 'reviewer_disabled')

/** The review API under /review/api, as the page calls it. */
export interface ReviewApi {
  signIn(username: string, password: string): Promise<ReviewSession>
  /** The training upstream's shared token (from the address) exchanged for a trainer session. */
  signInTraining(trainingToken: string): Promise<ReviewSession>
  signOut(): Promise<void>
  files(state: ReviewSummary['state']): Promise<ReviewSummary[]>
  detail(fileId: string): Promise<ReviewDetail>
  part(fileId: string, name: string): Promise<Blob>
  portrait(fileId: string): Promise<ReviewPortrait>
  /** A finger record's image as PNG. */
  finger(fileId: string, name: string): Promise<Blob>
  decide(fileId: string, action: 'approve' | 'reject', reason: string): Promise<void>
  outbox(): Promise<SmsMessage[]>
  stats(): Promise<UpstreamStats>
}

const isErrorBody = (body: unknown): body is ErrorBody =>
  typeof body === 'object' && body !== null && 'error' in body

async function refusalOf(state: PageState, response: Response): Promise<ReviewApiError> {
  const answer: unknown = await response.json().catch(() => null)
  if (!isErrorBody(answer))
    return new ReviewApiError(
      response.status,
      'http',
      {},
      textOf(state)('httpError', { status: response.status }),
    )
  const { code, message, params } = answer.error
  return new ReviewApiError(response.status, code, params ?? {}, message)
}

/**
 * Every call carries the session's bearer token. A refusal throws a ReviewApiError with the
 * server's code and params; the page words it and, when it ends the session, signs out.
 */
export function createReviewApi(state: PageState): ReviewApi {
  /** GET, or POST of `body` as JSON, or `method` (DELETE) without a body. */
  async function call(path: string, body?: unknown, method?: 'DELETE'): Promise<Response> {
    const response = await fetch(path, {
      ...(method ? { method } : body === undefined ? {} : { method: 'POST' }),
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      headers: {
        ...(state.session ? { authorization: `Bearer ${state.session.token}` } : {}),
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
    })
    if (!response.ok) throw await refusalOf(state, response)
    return response
  }
  const session = async (path: string, body: unknown) =>
    (await (await call(path, body)).json()) as ReviewSession
  // The answers' shapes are the server's own types (imported above): the page trusts its origin.
  const json = async <T>(path: string): Promise<T> => (await (await call(path)).json()) as T
  const file = (fileId: string) => `/review/api/files/${encodeURIComponent(fileId)}`

  return {
    signIn: (username, password) => session('/review/api/session', { username, password }),
    signInTraining: (trainingToken) => session('/review/api/session/training', { trainingToken }),
    signOut: async () => {
      await call('/review/api/session', undefined, 'DELETE')
    },
    files: async (reviewState) =>
      (await json<{ files: ReviewSummary[] }>(`/review/api/files?state=${reviewState}&limit=200`))
        .files,
    detail: (fileId) => json<ReviewDetail>(file(fileId)),
    part: async (fileId, name) =>
      (await call(`${file(fileId)}/part?name=${encodeURIComponent(name)}`)).blob(),
    portrait: (fileId) => json<ReviewPortrait>(`${file(fileId)}/portrait`),
    finger: async (fileId, name) =>
      (await call(`${file(fileId)}/finger?name=${encodeURIComponent(name)}`)).blob(),
    decide: async (fileId, action, reason) => {
      await call(`${file(fileId)}/${action}`, action === 'reject' ? { reason } : {})
    },
    outbox: async () =>
      (await json<{ messages: SmsMessage[] }>('/review/api/outbox?limit=100')).messages,
    stats: () => json<UpstreamStats>('/review/api/stats'),
  }
}
