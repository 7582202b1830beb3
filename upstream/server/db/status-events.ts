import type { SqliteDatabase } from '../../../lib/sqlite'
import type { FileState, StatusItem } from '../../../protocol'

export interface StatusPage {
  items: StatusItem[]
  /** seq of the last item returned, or `afterSeq` when none. */
  lastSeq: number
  more: boolean
}

export interface StatusEventRepository {
  append(event: {
    terminalId: string
    fileId: string
    state: FileState
    reason: string | null
    at: string
  }): number
  page(terminalId: string, afterSeq: number, limit: number): StatusPage
}

/** A `status_events` row as both backends read it. */
export interface StatusEventRow {
  seq: number
  file_id: string
  state: FileState
  reason: string | null
  at: string
}

/** A page of the feed from up to `limit + 1` rows after `afterSeq` (the extra one says `more`). */
export function statusPageOf(
  rows: readonly StatusEventRow[],
  afterSeq: number,
  limit: number,
): StatusPage {
  const kept = rows.slice(0, limit)
  return {
    items: kept.map((r) => ({
      fileId: r.file_id,
      state: r.state,
      ...(r.reason !== null ? { reason: r.reason } : {}),
      at: r.at,
    })),
    lastSeq: kept.at(-1)?.seq ?? afterSeq,
    more: rows.length > limit,
  }
}

export function createStatusEventRepository(db: SqliteDatabase): StatusEventRepository {
  const insert = db.prepare<[string, string, string, string | null, string]>(
    'INSERT INTO status_events (terminal_id, file_id, state, reason, at) VALUES (?, ?, ?, ?, ?)',
  )
  const select = db.prepare<[string, number, number], StatusEventRow>(
    `SELECT seq, file_id, state, reason, at FROM status_events
     WHERE terminal_id = ? AND seq > ? ORDER BY seq LIMIT ?`,
  )
  return {
    append(e) {
      return Number(insert.run(e.terminalId, e.fileId, e.state, e.reason, e.at).lastInsertRowid)
    },
    page: (terminalId, afterSeq, limit) =>
      statusPageOf(select.all(terminalId, afterSeq, limit + 1), afterSeq, limit),
  }
}
