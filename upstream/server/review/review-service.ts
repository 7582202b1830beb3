import { z } from 'zod'
import type { ManifestPart } from '../../../protocol/packet'
import type { UpstreamContext } from '../context'
import { durably } from '../db/database'
import type { FileRecord, StoredFileState } from '../db/files'
import type { SmsMessage } from '../db/sms-outbox'
import { UpstreamError } from '../errors'
import { notChecked, type ChipVerdict, type ChipVerification } from '../intake/chip-verification'
import { contactOf, mrzNameOf } from '../intake/file-content'
import type { Intake } from '../intake/intake'
import { approvalSms } from './sms-text'

export const ReviewStateSchema = z.enum(['received', 'approved', 'rejected'])

export const RejectRequestSchema = z.object({ reason: z.string().trim().min(3).max(1000) }).strict()

export interface ReviewSummary {
  fileId: string
  terminalId: string
  state: StoredFileState
  simulated: boolean
  receivedAt: string | null
  reviewedAt: string | null
  reviewer: string | null
  reason: string | null
  source: 'upload' | 'import'
  /** Passive authentication of the chip data on receipt. */
  chipVerdict: ChipVerdict
}

export interface ReviewDetail extends ReviewSummary {
  stationId: string
  officerId: string
  supervisorId: string | null
  startedAt: string
  submittedAt: string
  software: string
  citizenName: string | null
  phone: string | null
  parts: ManifestPart[]
  /** Passive authentication of the chip data on receipt, with the checks and the reason. */
  passiveAuthentication: ChipVerification
}

// A listed file is past `receiving`, so the repository always has its verification.
const chipOf = (r: FileRecord): ChipVerification => r.chip ?? notChecked('—')

const summaryOf = (r: FileRecord): ReviewSummary => ({
  fileId: r.fileId,
  terminalId: r.terminalId,
  state: r.state,
  simulated: r.simulated ?? false,
  receivedAt: r.receivedAt,
  reviewedAt: r.reviewedAt,
  reviewer: r.reviewer,
  reason: r.reason,
  source: r.source,
  chipVerdict: chipOf(r).verdict,
})

export interface ReviewService {
  list(query: { state: StoredFileState; limit: number; after?: string }): ReviewSummary[]
  detail(fileId: string): ReviewDetail
  part(fileId: string, name: string): { mediaType: string; data: Buffer }
  approve(fileId: string, reviewer: string): { summary: ReviewSummary; sms: SmsMessage }
  reject(fileId: string, reviewer: string, reason: string): ReviewSummary
  outbox(limit: number): SmsMessage[]
}

/** The review queue: received files wait here for a reviewer to approve or reject them. */
export function createReviewService(ctx: UpstreamContext, intake: Intake): ReviewService {
  const { files, statusEvents, smsOutbox } = ctx.repos

  function reviewable(fileId: string): FileRecord {
    const record = files.get(fileId)
    if (!record || record.state === 'receiving') throw new UpstreamError('not_found', fileId)
    if (record.state !== 'received')
      throw new UpstreamError('not_reviewable', `${fileId} is already ${record.state}`)
    return record
  }

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
        startedAt: manifest.times.startedAt,
        submittedAt: manifest.times.submittedAt,
        software: `${manifest.software.name} ${manifest.software.version}`,
        citizenName: contact?.name ?? mrzNameOf(opened) ?? null,
        phone: contact?.phone ?? null,
        parts: manifest.parts,
        passiveAuthentication: chipOf(record),
      }
    },

    part(fileId, name) {
      const opened = intake.open(fileId)
      const part = opened.parts.find((p) => p.entry.name === name)
      if (!part) throw new UpstreamError('not_found', `${fileId} has no part ${name}`)
      return { mediaType: part.entry.mediaType, data: Buffer.from(part.data) }
    },

    approve(fileId, reviewer) {
      const record = reviewable(fileId)
      const opened = intake.open(fileId)
      const contact = contactOf(opened)
      // Validation on receipt required a contact record; a file without one never got here.
      if (!contact) throw new UpstreamError('invalid_file', `${fileId} has no contact record`)
      // Without a name (placeholder chip data) the notice keeps the published wording's "A".
      const name = contact.name ?? mrzNameOf(opened) ?? 'A'
      const text = approvalSms(name)
      const at = ctx.now().toISOString()
      durably(ctx.db, () => {
        if (!files.markReviewed(fileId, { state: 'approved', reason: null, reviewer, at }))
          throw new UpstreamError('not_reviewable', `${fileId} was reviewed meanwhile`)
        statusEvents.append({
          terminalId: record.terminalId,
          fileId,
          state: 'approved',
          reason: null,
          at,
        })
        smsOutbox.add({
          fileId,
          phone: contact.phone,
          bodyVi: text.vi,
          bodyEn: text.en,
          createdAt: at,
        })
      })
      ctx.log('file approved', { fileId, reviewer })
      const sms = smsOutbox.forFile(fileId)
      const updated = files.get(fileId)
      if (!sms || !updated) throw new Error('approval not recorded')
      return { summary: summaryOf(updated), sms }
    },

    reject(fileId, reviewer, reason) {
      const record = reviewable(fileId)
      const at = ctx.now().toISOString()
      durably(ctx.db, () => {
        if (!files.markReviewed(fileId, { state: 'rejected', reason, reviewer, at }))
          throw new UpstreamError('not_reviewable', `${fileId} was reviewed meanwhile`)
        statusEvents.append({
          terminalId: record.terminalId,
          fileId,
          state: 'rejected',
          reason,
          at,
        })
      })
      ctx.log('file rejected', { fileId, reviewer })
      const updated = files.get(fileId)
      if (!updated) throw new Error('rejection not recorded')
      return summaryOf(updated)
    },

    outbox: (limit) => smsOutbox.list(limit),
  }
}
