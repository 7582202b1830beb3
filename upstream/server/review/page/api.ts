import type { ErrorBody } from '../../../../protocol'
import type { UpstreamStats } from '../../db/files'
import type { SmsMessage } from '../../db/sms-outbox'
import type { ReviewPortrait } from '../review-portrait'
import type { ReviewDetail, ReviewSummary } from '../review-summary'
import { textOf, TOKEN_KEY, type PageState } from './state'

export type { ReviewDetail, ReviewSummary, SmsMessage, UpstreamStats }

/** The review API under /review/api, as the page calls it. */
export interface ReviewApi {
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

/**
 * Every call carries the reviewer's token. A 401 forgets it (the page asks for it again through
 * `onUnauthorized`); other failures throw the server's message, which the page shows.
 */
export function createReviewApi(state: PageState, onUnauthorized: () => void): ReviewApi {
  const t = textOf(state)
  async function call(path: string, body?: unknown): Promise<Response> {
    const response = await fetch(path, {
      ...(body === undefined ? {} : { method: 'POST', body: JSON.stringify(body) }),
      headers: {
        authorization: `Bearer ${state.token ?? ''}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
    })
    if (response.status === 401) {
      sessionStorage.removeItem(TOKEN_KEY)
      state.token = null
      onUnauthorized()
      throw new Error(t('unauthorized'))
    }
    if (!response.ok) {
      const answer: unknown = await response.json().catch(() => null)
      throw new Error(
        isErrorBody(answer) ? answer.error.message : t('httpError', { status: response.status }),
      )
    }
    return response
  }
  // The answers' shapes are the server's own types (imported above): the page trusts its origin.
  const json = async <T>(path: string): Promise<T> => (await (await call(path)).json()) as T
  const file = (fileId: string) => `/review/api/files/${encodeURIComponent(fileId)}`

  return {
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
