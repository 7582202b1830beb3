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
  list(query: { state: StoredFileState; limit: number; after?: string }): Promise<ReviewSummary[]>
  detail(fileId: string): Promise<ReviewDetail>
  part(fileId: string, name: string): Promise<{ mediaType: string; data: Buffer }>
  /** The file's parts by name, from one decryption (the portrait and finger views read several). */
  partsOf(fileId: string): Promise<(name: string) => ReviewFilePart | undefined>
  outbox(limit: number): Promise<SmsMessage[]>
}

/** A part as the review's image views read it. */
export interface ReviewFilePart {
  kind: string
  mediaType: string
  data: Buffer
  placeholder: boolean
}

export function createReviewQueries(ctx: UpstreamContext, intake: Intake): ReviewQueries {
  const { files, smsOutbox } = ctx.repos
  return {
    async list({ state, limit, after }) {
      const from = after ? await files.get(after) : undefined
      const page = await files.listForReview({
        state,
        limit,
        ...(from?.receivedAt
          ? { after: { receivedAt: from.receivedAt, fileId: from.fileId } }
          : {}),
      })
      return page.map(summaryOf)
    },

    async detail(fileId) {
      const record = await files.get(fileId)
      if (!record || record.state === 'receiving') throw new UpstreamError('not_found', fileId)
      const opened = await intake.open(fileId)
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

    async part(fileId, name) {
      const opened = await intake.open(fileId)
      const part = opened.parts.find((p) => p.entry.name === name)
      if (!part) throw new UpstreamError('not_found', `${fileId} has no part ${name}`)
      return { mediaType: part.entry.mediaType, data: Buffer.from(part.data) }
    },

    async partsOf(fileId) {
      const { parts } = await intake.open(fileId)
      return (name) => {
        const part = parts.find((p) => p.entry.name === name)
        if (!part) return undefined
        const { kind, mediaType, placeholder } = part.entry
        return { kind, mediaType, data: Buffer.from(part.data), placeholder }
      }
    },

    outbox: (limit) => smsOutbox.list(limit),
  }
}
