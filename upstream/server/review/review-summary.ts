import type { ManifestApproval, ManifestPart } from '../../../protocol/packet'
import type { FileRecord, StoredFileState } from '../db/files'
import { notChecked, type ChipVerdict, type ChipVerification } from '../intake/chip-verification'
import type { ReviewRecords } from './review-records'

export interface ReviewSummary {
  fileId: string
  terminalId: string
  state: StoredFileState
  simulated: boolean
  receivedAt: string | null
  reviewedAt: string | null
  /** The deciding reviewer's account id, and their name and role when they decided. */
  reviewer: string | null
  reviewerName: string | null
  reviewerRole: 'reviewer' | 'senior' | null
  reason: string | null
  source: 'upload' | 'import'
  /** Passive authentication of the chip data on receipt. */
  chipVerdict: ChipVerdict
}

export interface ReviewDetail extends ReviewSummary, ReviewRecords {
  stationId: string
  officerId: string
  supervisorId: string | null
  /** The supervisor approvals of exceptions the file's signed manifest carries. */
  approvals?: ManifestApproval[]
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
export const chipOf = (r: FileRecord): ChipVerification => r.chip ?? notChecked('—')

export const summaryOf = (r: FileRecord): ReviewSummary => ({
  fileId: r.fileId,
  terminalId: r.terminalId,
  state: r.state,
  simulated: r.simulated ?? false,
  receivedAt: r.receivedAt,
  reviewedAt: r.reviewedAt,
  reviewer: r.reviewer,
  reviewerName: r.reviewerName,
  reviewerRole: r.reviewerRole,
  reason: r.reason,
  source: r.source,
  chipVerdict: chipOf(r).verdict,
})
