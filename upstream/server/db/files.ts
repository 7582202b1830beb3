import { bilingualMessage } from '../../../lib/messages'
import type { SqliteDatabase } from '../../../lib/sqlite'
import { ReceiptSchema, type Receipt } from '../../../protocol'
import {
  ChipVerificationSchema,
  notChecked,
  type ChipVerification,
} from '../intake/chip-verification'
import { parse } from '../../../lib/schema'

export type StoredFileState = 'receiving' | 'received' | 'approved' | 'rejected'

export interface FileRecord {
  fileId: string
  terminalId: string
  sha256: string
  size: number
  receivedOffset: number
  state: StoredFileState
  source: 'upload' | 'import'
  announcedAt: string
  receivedAt: string | null
  receipt: Receipt | null
  simulated: boolean | null
  /** Passive authentication of the chip data on receipt; null while receiving. */
  chip: ChipVerification | null
  reviewedAt: string | null
  /** The deciding reviewer's account id, display name and role at the time of the decision. */
  reviewer: string | null
  reviewerName: string | null
  reviewerRole: 'reviewer' | 'senior' | null
  reason: string | null
  duplicates: number
}

export interface UpstreamStats {
  received: number
  approved: number
  rejected: number
  duplicates: number
}

export interface ReviewListQuery {
  state: StoredFileState
  limit: number
  /** Continue after this file id (the last of the previous page, ordered by received time). */
  after?: { receivedAt: string; fileId: string }
}

export interface FileRepository {
  get(fileId: string): FileRecord | undefined
  /** Records a new upload; nothing when the id is already recorded (a parallel announce won). */
  announce(fields: {
    fileId: string
    terminalId: string
    sha256: string
    size: number
    source: 'upload' | 'import'
    at: string
  }): void
  setReceivedOffset(fileId: string, offset: number): void
  /**
   * Moves a receiving file's offset from `from` to `to`; false when it is not at `from` any more (a
   * parallel chunk won). On PostgreSQL the row stays locked until the transaction ends.
   */
  advanceReceivedOffset(fileId: string, from: number, to: number): boolean
  /** False when the file was no longer receiving (a parallel complete recorded it first). */
  markReceived(
    fileId: string,
    fields: { receipt: Receipt; simulated: boolean; chip: ChipVerification; at: string },
  ): boolean
  markReviewed(
    fileId: string,
    fields: {
      state: 'approved' | 'rejected'
      reason: string | null
      reviewer: { id: string; name: string; role: 'reviewer' | 'senior' }
      at: string
    },
  ): boolean
  countDuplicate(fileId: string): void
  /** Forgets an upload that can never complete (an invalid file); received files are kept. */
  forgetUpload(fileId: string): void
  listForReview(query: ReviewListQuery): FileRecord[]
  stats(): UpstreamStats
}

/** A `files` row as both backends read it (`simulated` as SQLite's 0/1). */
export interface FileRow {
  file_id: string
  terminal_id: string
  sha256: string
  size: number
  received_offset: number
  state: StoredFileState
  source: 'upload' | 'import'
  announced_at: string
  received_at: string | null
  receipt_json: string | null
  simulated: number | null
  chip_verdict: string | null
  chip_json: string | null
  reviewed_at: string | null
  reviewer: string | null
  reviewer_name: string | null
  reviewer_role: 'reviewer' | 'senior' | null
  reason: string | null
  duplicates: number
}

export function fileRecordOf(row: FileRow): FileRecord {
  return {
    fileId: row.file_id,
    terminalId: row.terminal_id,
    sha256: row.sha256,
    size: row.size,
    receivedOffset: row.received_offset,
    state: row.state,
    source: row.source,
    announcedAt: row.announced_at,
    receivedAt: row.received_at,
    receipt: row.receipt_json === null ? null : parse(ReceiptSchema, JSON.parse(row.receipt_json)),
    simulated: row.simulated === null ? null : row.simulated === 1,
    chip: chipOf(row),
    reviewedAt: row.reviewed_at,
    reviewer: row.reviewer,
    reviewerName: row.reviewer_name,
    reviewerRole: row.reviewer_role,
    reason: row.reason,
    duplicates: row.duplicates,
  }
}

function chipOf(row: FileRow): ChipVerification | null {
  if (row.state === 'receiving') return null
  if (row.chip_json === null) return notChecked(bilingualMessage('messages.chipCheck.beforeChecks'))
  return parse(ChipVerificationSchema, JSON.parse(row.chip_json))
}

/** The prepared statements of `createFileRepository`. */
function fileStatements(db: SqliteDatabase) {
  const select = db.prepare<[string], FileRow>('SELECT * FROM files WHERE file_id = ?')
  const insert = db.prepare<[string, string, string, number, string, string]>(
    `INSERT INTO files (file_id, terminal_id, sha256, size, state, source, announced_at)
     VALUES (?, ?, ?, ?, 'receiving', ?, ?) ON CONFLICT (file_id) DO NOTHING`,
  )
  const setOffset = db.prepare<[number, string]>(
    "UPDATE files SET received_offset = ? WHERE file_id = ? AND state = 'receiving'",
  )
  const advance = db.prepare<[number, string, number]>(
    `UPDATE files SET received_offset = ?
     WHERE file_id = ? AND state = 'receiving' AND received_offset = ?`,
  )
  const received = db.prepare<[string, number, string, string, string, string]>(
    `UPDATE files SET state = 'received', receipt_json = ?, simulated = ?, chip_verdict = ?,
       chip_json = ?, received_at = ?, received_offset = size
     WHERE file_id = ? AND state = 'receiving'`,
  )
  const reviewed = db.prepare<[string, string | null, string, string, string, string, string]>(
    `UPDATE files SET state = ?, reason = ?, reviewer = ?, reviewer_name = ?, reviewer_role = ?,
       reviewed_at = ?
     WHERE file_id = ? AND state = 'received'`,
  )
  const duplicate = db.prepare<[string]>(
    'UPDATE files SET duplicates = duplicates + 1 WHERE file_id = ?',
  )
  const forget = db.prepare<[string]>("DELETE FROM files WHERE file_id = ? AND state = 'receiving'")
  const firstPage = db.prepare<[StoredFileState, number], FileRow>(
    `SELECT * FROM files WHERE state = ? ORDER BY received_at, file_id LIMIT ?`,
  )
  const nextPage = db.prepare<[StoredFileState, string, string, string, number], FileRow>(
    `SELECT * FROM files WHERE state = ? AND (received_at > ? OR (received_at = ? AND file_id > ?))
     ORDER BY received_at, file_id LIMIT ?`,
  )
  const stats = db.prepare<[], UpstreamStats>(
    `SELECT
       coalesce(sum(state != 'receiving'), 0) AS received,
       coalesce(sum(state = 'approved'), 0) AS approved,
       coalesce(sum(state = 'rejected'), 0) AS rejected,
       coalesce(sum(duplicates), 0) AS duplicates
     FROM files`,
  )
  return {
    select,
    insert,
    setOffset,
    advance,
    received,
    reviewed,
    duplicate,
    forget,
    firstPage,
    nextPage,
    stats,
  }
}

export function createFileRepository(db: SqliteDatabase): FileRepository {
  const {
    select,
    insert,
    setOffset,
    advance,
    received,
    reviewed,
    duplicate,
    forget,
    firstPage,
    nextPage,
    stats,
  } = fileStatements(db)
  return {
    get(fileId) {
      const row = select.get(fileId)
      return row ? fileRecordOf(row) : undefined
    },
    announce(f) {
      insert.run(f.fileId, f.terminalId, f.sha256, f.size, f.source, f.at)
    },
    setReceivedOffset(fileId, offset) {
      setOffset.run(offset, fileId)
    },
    advanceReceivedOffset: (fileId, from, to) => advance.run(to, fileId, from).changes === 1,
    markReceived(fileId, f) {
      const changes = received.run(
        JSON.stringify(f.receipt),
        f.simulated ? 1 : 0,
        f.chip.verdict,
        JSON.stringify(f.chip),
        f.at,
        fileId,
      )
      return changes.changes === 1
    },
    markReviewed(fileId, f) {
      const { id, name, role } = f.reviewer
      return reviewed.run(f.state, f.reason, id, name, role, f.at, fileId).changes === 1
    },
    countDuplicate(fileId) {
      duplicate.run(fileId)
    },
    forgetUpload(fileId) {
      forget.run(fileId)
    },
    listForReview({ state, limit, after }) {
      const rows = after
        ? nextPage.all(state, after.receivedAt, after.receivedAt, after.fileId, limit)
        : firstPage.all(state, limit)
      return rows.map(fileRecordOf)
    },
    stats: () => stats.get() ?? { received: 0, approved: 0, rejected: 0, duplicates: 0 },
  }
}
