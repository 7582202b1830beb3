import type { UpstreamContext } from '../context'
import type { StoredFileState } from '../db/files'
import type { SmsMessage } from '../db/sms-outbox'
import { UpstreamError } from '../errors'
import { citizenNameOf } from '../intake/citizen-name'
import { contactOf } from '../intake/file-content'
import type { Intake } from '../intake/intake'
import { reviewRecordsOf } from './review-records'
import { chipOf, summaryOf, type ReviewDetail, type ReviewSummary } from './review-summary'

/** What a reviewer reads: the queue, one file with its parts, and the SMS outbox. */
export interface ReviewQueries {
  list(query: { state: StoredFileState; limit: number; after?: string }): ReviewSummary[]
  detail(fileId: string): ReviewDetail
  part(fileId: string, name: string): { mediaType: string; data: Buffer }
  outbox(limit: number): SmsMessage[]
}

export function createReviewQueries(ctx: UpstreamContext, intake: Intake): ReviewQueries {
  const { files, smsOutbox } = ctx.repos
  return {
    list({ state, limit, after }) {
      const from = after ? files.get(after) : undefined
      const page = files.listForReview({
        state,
        limit,
        ...(from?.receivedAt
          ? { after: { receivedAt: from.receivedAt, fileId: from.fileId } }
          : {}),
      })
      return page.map(summaryOf)
    },

    detail(fileId) {
      const record = files.get(fileId)
      if (!record || record.state === 'receiving') throw new UpstreamError('not_found', fileId)
      const opened = intake.open(fileId)
      const { manifest } = opened
      const contact = contactOf(opened)
      return {
        ...summaryOf(record),
        stationId: manifest.stationId,
        officerId: manifest.officerId,
        supervisorId: manifest.supervisorId ?? null,
        approvals: manifest.approvals ?? [],
        startedAt: manifest.times.startedAt,
        submittedAt: manifest.times.submittedAt,
        software: `${manifest.software.name} ${manifest.software.version}`,
        citizenName: citizenNameOf(opened) ?? null,
        phone: contact?.phone ?? null,
        parts: manifest.parts,
        passiveAuthentication: chipOf(record),
        ...reviewRecordsOf(opened),
      }
    },

    part(fileId, name) {
      const opened = intake.open(fileId)
      const part = opened.parts.find((p) => p.entry.name === name)
      if (!part) throw new UpstreamError('not_found', `${fileId} has no part ${name}`)
      return { mediaType: part.entry.mediaType, data: Buffer.from(part.data) }
    },

    outbox: (limit) => smsOutbox.list(limit),
  }
}
