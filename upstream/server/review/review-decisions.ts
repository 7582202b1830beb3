import type { UpstreamContext } from '../context'
import type { FileRecord } from '../db/files'
import type { OpenedPacket } from '../../../protocol/packet'
import type { NewSms, SmsMessage } from '../db/sms-outbox'
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
  approve(fileId: string, reviewer: Reviewer): Promise<{ summary: ReviewSummary; sms: SmsMessage }>
  reject(fileId: string, reviewer: Reviewer, reason: string): Promise<ReviewSummary>
}

type Decision = { state: 'approved'; reason: null } | { state: 'rejected'; reason: string }

/** Who the notice goes to: the file's phone, and the name it greets. */
function addresseeOf(opened: OpenedPacket, fileId: string) {
  const contact = contactOf(opened)
  // Validation on receipt required a contact record; a file without one never got here.
  if (!contact) throw new UpstreamError('invalid_file', `${fileId} has no contact record`)
  // Without a name (placeholder chip data) the notice keeps the published wording's "A".
  return { phone: contact.phone, name: citizenNameOf(opened) ?? 'A' }
}

export function createReviewDecisions(ctx: UpstreamContext, intake: Intake): ReviewDecisions {
  const { files, smsOutbox } = ctx.repos

  async function reviewable(fileId: string): Promise<FileRecord> {
    const record = await files.get(fileId)
    if (!record || record.state === 'receiving') throw new UpstreamError('not_found', fileId)
    if (record.state !== 'received')
      throw new UpstreamError('not_reviewable', `${fileId} is already ${record.state}`)
    return record
  }

  /**
   * Marks the file reviewed and appends the terminal's status event in one durable transaction,
   * with `alsoRecord` (the SMS of an approval) inside it; answers the updated summary.
   */
  async function record(
    file: FileRecord,
    reviewer: Reviewer,
    decision: Decision,
    notice: Omit<NewSms, 'createdAt'>,
  ): Promise<ReviewSummary> {
    const { fileId, terminalId } = file
    const at = ctx.now().toISOString()
    await ctx.store.durably(async (repos) => {
      // Of two reviewers (or processes) deciding at once, the conditional update lets one win.
      if (!(await repos.files.markReviewed(fileId, { ...decision, reviewer, at })))
        throw new UpstreamError('not_reviewable', `${fileId} was reviewed meanwhile`)
      await repos.statusEvents.append({ terminalId, fileId, ...decision, at })
      await repos.smsOutbox.add({ ...notice, createdAt: at })
    })
    ctx.log(`file ${decision.state}`, { fileId, reviewer: reviewer.id, role: reviewer.role })
    const updated = await files.get(fileId)
    if (!updated)
      throw new Error(`${decision.state === 'approved' ? 'approval' : 'rejection'} not recorded`)
    return summaryOf(updated)
  }

  return {
    async approve(fileId, reviewer) {
      const file = await reviewable(fileId)
      const opened = await intake.open(fileId)
      const refusal = approvalRefusal(file, opened.manifest, reviewer, ctx.training)
      if (refusal) throw refusal
      const { phone, name } = addresseeOf(opened, fileId)
      const text = approvalSms(name)
      const summary = await record(
        file,
        reviewer,
        { state: 'approved', reason: null },
        { fileId, kind: 'approval', phone, bodyVi: text.vi, bodyEn: text.en },
      )
      const sms = await smsOutbox.forFile(fileId)
      if (!sms) throw new Error('approval not recorded')
      return { summary, sms }
    },

    async reject(fileId, reviewer, reason) {
      const file = await reviewable(fileId)
      const { phone, name } = addresseeOf(await intake.open(fileId), fileId)
      const text = rejectionSms(name, reason)
      return record(
        file,
        reviewer,
        { state: 'rejected', reason },
        { fileId, kind: 'rejection', phone, bodyVi: text.vi, bodyEn: text.en },
      )
    },
  }
}
