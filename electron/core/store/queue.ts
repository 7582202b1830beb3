import type { SqliteDatabase } from '../../../lib/sqlite/database'

export type QueueState = 'queued' | 'sent' | 'dead'
export type UpstreamState = 'received' | 'approved' | 'rejected'

export interface QueueEntry {
  fileId: string
  sha256: string
  size: number
  upstreamKeyId: string
  officerId: string
  simulated: boolean
  submittedAt: string
  state: QueueState
  attempts: number
  permanentFailures: number
  nextAttemptAt: string
  uploadedOffset: number
  lastError: string | null
  lastErrorAt: string | null
  deadReason: string | null
  sentAt: string | null
  upstreamState: UpstreamState | null
  upstreamReason: string | null
  upstreamStateAt: string | null
  bodyDeletedAt: string | null
}

export interface NewQueueEntry {
  fileId: string
  sha256: string
  size: number
  upstreamKeyId: string
  officerId: string
  simulated: boolean
  submittedAt: string
}

export interface QueueSummary {
  total: number
  queued: number
  sent: number
  dead: number
  received: number
  approved: number
  rejected: number
  /** Bytes of encrypted bodies still on disk. */
  bytesOnDisk: number
  oldestQueuedAt: string | null
  nextAttemptAt: string | null
}

export interface QueueListOptions {
  state?: QueueState
  limit?: number
  /** Rows submitted strictly before this time (keyset paging, newest first). */
  before?: string
}

interface Row {
  file_id: string
  sha256: string
  size: number
  upstream_key_id: string
  officer_id: string
  simulated: number
  submitted_at: string
  state: QueueState
  attempts: number
  permanent_failures: number
  next_attempt_at: string
  uploaded_offset: number
  last_error: string | null
  last_error_at: string | null
  dead_reason: string | null
  sent_at: string | null
  upstream_state: UpstreamState | null
  upstream_reason: string | null
  upstream_state_at: string | null
  body_deleted_at: string | null
}

function fromRow(r: Row): QueueEntry {
  return {
    fileId: r.file_id,
    sha256: r.sha256,
    size: r.size,
    upstreamKeyId: r.upstream_key_id,
    officerId: r.officer_id,
    simulated: r.simulated === 1,
    submittedAt: r.submitted_at,
    state: r.state,
    attempts: r.attempts,
    permanentFailures: r.permanent_failures,
    nextAttemptAt: r.next_attempt_at,
    uploadedOffset: r.uploaded_offset,
    lastError: r.last_error,
    lastErrorAt: r.last_error_at,
    deadReason: r.dead_reason,
    sentAt: r.sent_at,
    upstreamState: r.upstream_state,
    upstreamReason: r.upstream_reason,
    upstreamStateAt: r.upstream_state_at,
    bodyDeletedAt: r.body_deleted_at,
  }
}

/** The outbox's rows. Every method is one statement, so each is its own durable commit. */
export interface QueueRepository {
  insert(entry: NewQueueEntry): void
  get(fileId: string): QueueEntry | undefined
  has(fileId: string): boolean
  /** Queued files whose next attempt is due, oldest submission first. */
  due(now: string, limit: number): QueueEntry[]
  list(options?: QueueListOptions): QueueEntry[]
  summary(): QueueSummary
  /** Files not yet acknowledged by a receipt (queued or dead). */
  unsyncedCount(): number
  oldestUnsyncedAt(): string | null
  recordProgress(fileId: string, uploadedOffset: number): void
  /** A failed attempt: counts it, stores the reason, and schedules the next one. */
  recordFailure(
    fileId: string,
    failure: { error: string; at: string; nextAttemptAt: string; permanent: boolean },
  ): void
  markDead(fileId: string, reason: string, at: string): void
  /** Puts a dead file back in the queue (an officer's retry), with its failure count cleared. */
  requeue(fileId: string, at: string): boolean
  markSent(fileId: string, at: string): void
  setUpstreamState(fileId: string, state: UpstreamState, reason: string | null, at: string): boolean
  /** Sent files whose receipt is older than `cutoff` and whose body is still on disk. */
  retentionDue(cutoff: string, limit: number): string[]
  markBodyDeleted(fileId: string, at: string): void
  fileIds(): string[]
  /** Every queued file, oldest first, streamed from the database. */
  queuedFiles(): Iterable<{ fileId: string; sha256: string; size: number }>
}

type QueueLookups = Pick<
  QueueRepository,
  'get' | 'has' | 'due' | 'list' | 'fileIds' | 'queuedFiles' | 'retentionDue'
>
type QueueCounts = Pick<QueueRepository, 'summary' | 'unsyncedCount' | 'oldestUnsyncedAt'>
type QueueTransitions = Omit<QueueRepository, keyof QueueLookups | keyof QueueCounts>

export function createQueueRepository(db: SqliteDatabase): QueueRepository {
  return { ...queueLookups(db), ...queueCounts(db), ...queueTransitions(db) }
}

/** Rows by id, the due files, the queue screen's pages. */
function queueLookups(db: SqliteDatabase): QueueLookups {
  const get = db.prepare<[string], Row>('SELECT * FROM queue WHERE file_id = ?')
  const due = db.prepare<[string, number], Row>(
    `SELECT * FROM queue WHERE state = 'queued' AND next_attempt_at <= ?
     ORDER BY next_attempt_at, submitted_at LIMIT ?`,
  )
  const retention = db.prepare<[string, number], { file_id: string }>(
    `SELECT q.file_id FROM queue q JOIN receipts r ON r.file_id = q.file_id
     WHERE q.state = 'sent' AND q.body_deleted_at IS NULL AND r.received_at < ? LIMIT ?`,
  )
  const queued = db.prepare<[], { fileId: string; sha256: string; size: number }>(
    `SELECT file_id AS fileId, sha256, size FROM queue WHERE state = 'queued'
     ORDER BY submitted_at`,
  )
  const ids = db.prepare<[], string>('SELECT file_id FROM queue ORDER BY submitted_at').pluck()
  return {
    get: (fileId) => {
      const row = get.get(fileId)
      return row ? fromRow(row) : undefined
    },
    has: (fileId) => get.get(fileId) !== undefined,
    due: (now, limit) => due.all(now, limit).map(fromRow),
    list(options = {}) {
      const where: string[] = []
      const params: (string | number)[] = []
      if (options.state) {
        where.push('state = ?')
        params.push(options.state)
      }
      if (options.before) {
        where.push('submitted_at < ?')
        params.push(options.before)
      }
      const sql = `SELECT * FROM queue ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
                   ORDER BY submitted_at DESC LIMIT ?`
      params.push(options.limit ?? 100)
      return db
        .prepare<(string | number)[], Row>(sql)
        .all(...params)
        .map(fromRow)
    },
    retentionDue: (cutoff, limit) => retention.all(cutoff, limit).map((r) => r.file_id),
    fileIds: () => ids.all(),
    queuedFiles: () => queued.iterate(),
  }
}

/** Counts come from queue_counts (kept by triggers), the minima from indexes: O(1) at any length. */
function queueCounts(db: SqliteDatabase): QueueCounts {
  const counts = db.prepare<
    [],
    { state: QueueState; upstream_state: UpstreamState | ''; files: number; bytes: number }
  >('SELECT state, upstream_state, files, bytes_on_disk AS bytes FROM queue_counts')
  const oldestIn = db
    .prepare<[QueueState], string | null>('SELECT min(submitted_at) FROM queue WHERE state = ?')
    .pluck()
  const nextAttempt = db
    .prepare<[], string | null>(`SELECT min(next_attempt_at) FROM queue WHERE state = 'queued'`)
    .pluck()
  const unsynced = db
    .prepare<[], number | null>(`SELECT sum(files) FROM queue_counts WHERE state <> 'sent'`)
    .pluck()
  return {
    summary() {
      const s: QueueSummary = {
        total: 0,
        queued: 0,
        sent: 0,
        dead: 0,
        received: 0,
        approved: 0,
        rejected: 0,
        bytesOnDisk: 0,
        oldestQueuedAt: oldestIn.get('queued') ?? null,
        nextAttemptAt: nextAttempt.get() ?? null,
      }
      for (const row of counts.all()) {
        s.total += row.files
        s[row.state] += row.files
        if (row.upstream_state) s[row.upstream_state] += row.files
        s.bytesOnDisk += row.bytes
      }
      return s
    },
    unsyncedCount: () => unsynced.get() ?? 0,
    oldestUnsyncedAt: () => {
      const times = [oldestIn.get('queued'), oldestIn.get('dead')].filter(
        (t): t is string => typeof t === 'string',
      )
      return times.sort()[0] ?? null
    },
  }
}

/** The writes that move a file through its states: queued, (failures), sent or dead, requeued. */
function queueTransitions(db: SqliteDatabase): QueueTransitions {
  const insert = db.prepare(
    `INSERT INTO queue (file_id, sha256, size, upstream_key_id, officer_id, simulated, submitted_at,
       next_attempt_at)
     VALUES (@fileId, @sha256, @size, @upstreamKeyId, @officerId, @simulated, @submittedAt,
       @submittedAt)`,
  )
  const progress = db.prepare<[number, string]>(
    'UPDATE queue SET uploaded_offset = ? WHERE file_id = ?',
  )
  const failure = db.prepare(
    `UPDATE queue SET attempts = attempts + 1,
       permanent_failures = permanent_failures + @permanent,
       last_error = @error, last_error_at = @at, next_attempt_at = @nextAttemptAt
     WHERE file_id = @fileId AND state = 'queued'`,
  )
  const dead = db.prepare<[string, string, string]>(
    `UPDATE queue SET state = 'dead', dead_reason = ?, last_error_at = ?
     WHERE file_id = ? AND state = 'queued'`,
  )
  const requeue = db.prepare<[string, string]>(
    `UPDATE queue SET state = 'queued', dead_reason = NULL, permanent_failures = 0,
       next_attempt_at = ? WHERE file_id = ? AND state = 'dead'`,
  )
  const sent = db.prepare<[string, string]>(
    `UPDATE queue SET state = 'sent', sent_at = ?, dead_reason = NULL, last_error = NULL,
       uploaded_offset = size WHERE file_id = ? AND state <> 'sent'`,
  )
  const upstream = db.prepare<[string, string | null, string, string]>(
    `UPDATE queue SET upstream_state = ?, upstream_reason = ?, upstream_state_at = ?
     WHERE file_id = ?`,
  )
  const bodyDeleted = db.prepare<[string, string]>(
    'UPDATE queue SET body_deleted_at = ? WHERE file_id = ?',
  )
  return {
    insert: (entry) => insert.run({ ...entry, simulated: entry.simulated ? 1 : 0 }),
    recordProgress: (fileId, offset) => progress.run(offset, fileId),
    recordFailure: (fileId, f) => failure.run({ fileId, ...f, permanent: f.permanent ? 1 : 0 }),
    markDead: (fileId, reason, at) => dead.run(reason, at, fileId),
    requeue: (fileId, at) => requeue.run(at, fileId).changes === 1,
    markSent: (fileId, at) => sent.run(at, fileId),
    setUpstreamState: (fileId, state, reason, at) =>
      upstream.run(state, reason, at, fileId).changes === 1,
    markBodyDeleted: (fileId, at) => bodyDeleted.run(at, fileId),
  }
}
