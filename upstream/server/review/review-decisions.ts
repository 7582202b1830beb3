import type { UpstreamContext } from '../context'
import { durably } from '../db/database'
import type { FileRecord } from '../db/files'
import type { SmsMessage } from '../db/sms-outbox'
import { UpstreamError } from '../errors'
import { citizenNameOf } from '../intake/citizen-name'
import { contactOf } from '../intake/file-content'
import type { Intake } from '../intake/intake'
import type { Reviewer } from './accounts/reviewer'
import { approvalRefusal } from './approval-rules'
import { summaryOf, type ReviewSummary } from './review-summary'
import { approvalSms, rejectionSms } from './sms-text'

/**
 * What a reviewer decides: approve (queues the citizen's SMS) or reject with a reason. Each
 * decision is recorded with the reviewer (id, name, role) and refused when the rules of
 * approval-rules.ts say so.
 */
export interface ReviewDecisions {
  approve(fileId: string, reviewer: Reviewer): { summary: ReviewSummary; sms: SmsMessage }
  reject(fileId: string, reviewer: Reviewer, reason: string): ReviewSummary
}

type Decision = { state: 'approved'; reason: null } | { state: 'rejected'; reason: string }

/** Who the notice goes to: the file's phone, and the name it greets. */
function addresseeOf(intake: Intake, fileId: string) {
  const opened = intake.open(fileId)
  const contact = contactOf(opened)
  // Validation on receipt required a contact record; a file without one never got here.
  if (!contact) throw new UpstreamError('invalid_file', `${fileId} has no contact record`)
  // Without a name (placeholder chip data) the notice keeps the published wording's "A".
  return { phone: contact.phone, name: citizenNameOf(opened) ?? 'A' }
}

export function createReviewDecisions(ctx: UpstreamContext, intake: Intake): ReviewDecisions {
  const { files, statusEvents, smsOutbox } = ctx.repos

  function reviewable(fileId: string): FileRecord {
    const record = files.get(fileId)
    if (!record || record.state === 'receiving') throw new UpstreamError('not_found', fileId)
    if (record.state !== 'received')
      throw new UpstreamError('not_reviewable', `${fileId} is already ${record.state}`)
    return record
  }

  /**
   * Marks the file reviewed and appends the terminal's status event in one durable transaction,
   * with `alsoRecord` (the SMS of an approval) inside it; answers the updated summary.
   */
  function record(
    file: FileRecord,
    reviewer: Reviewer,
    decision: Decision,
    alsoRecord: (at: string) => void = () => {},
  ): ReviewSummary {
    const { fileId, terminalId } = file
    const at = ctx.now().toISOString()
    durably(ctx.db, () => {
      if (!files.markReviewed(fileId, { ...decision, reviewer, at }))
        throw new UpstreamError('not_reviewable', `${fileId} was reviewed meanwhile`)
      statusEvents.append({ terminalId, fileId, ...decision, at })
      alsoRecord(at)
    })
    ctx.log(`file ${decision.state}`, { fileId, reviewer: reviewer.id, role: reviewer.role })
    const updated = files.get(fileId)
    if (!updated)
      throw new Error(`${decision.state === 'approved' ? 'approval' : 'rejection'} not recorded`)
    return summaryOf(updated)
  }

  return {
    approve(fileId, reviewer) {
      const file = reviewable(fileId)
      const refusal = approvalRefusal(file, intake.open(fileId).manifest, reviewer, ctx.training)
      if (refusal) throw refusal
      const { phone, name } = addresseeOf(intake, fileId)
      const text = approvalSms(name)
      const summary = record(file, reviewer, { state: 'approved', reason: null }, (at) =>
        smsOutbox.add({
          fileId,
          kind: 'approval',
          phone,
          bodyVi: text.vi,
          bodyEn: text.en,
          createdAt: at,
        }),
      )
      const sms = smsOutbox.forFile(fileId)
      if (!sms) throw new Error('approval not recorded')
      return { summary, sms }
    },

    reject(fileId, reviewer, reason) {
      const file = reviewable(fileId)
      const { phone, name } = addresseeOf(intake, fileId)
      const text = rejectionSms(name, reason)
      return record(file, reviewer, { state: 'rejected', reason }, (at) =>
        smsOutbox.add({
          fileId,
          kind: 'rejection',
          phone,
          bodyVi: text.vi,
          bodyEn: text.en,
          createdAt: at,
        }),
      )
    },
  }
}
