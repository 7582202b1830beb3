import type { SyncProgress } from '../../contract'
import type { AuditCheckpointer, AuditLog } from '../audit'
import type { SyncSettings } from '../config'
import type { Logger } from '../log'
import type { Outbox } from '../queue/outbox'
import type {
  QueueRepository,
  ReceiptRepository,
  SqliteDatabase,
  SyncStateRepository,
  TerminalRegistration,
} from '../store'
import type { UpstreamClient } from './client'

export interface SyncPassResult {
  online: boolean
  sent: number
  failed: number
  dead: number
  statusUpdates: number
  bodiesDeleted: number
  /** Why the pass stopped early (offline, upstream unavailable, upstream mismatch), if it did. */
  stoppedBecause: string | null
  /** The upstream's rate limit: wait this long before the next pass; null when not limited. */
  retryAfterMs: number | null
}

export interface SyncServiceDeps {
  db: SqliteDatabase
  queue: QueueRepository
  receipts: ReceiptRepository
  syncState: SyncStateRepository
  audit: AuditLog
  outbox: Outbox
  registration(): TerminalRegistration | undefined
  /** The upstream to talk to now, or null when none is configured. */
  client(): UpstreamClient | null
  settings: SyncSettings
  now(): Date
  /** Uniform in [0, 1); injected for deterministic backoff jitter. */
  random(): number
  log: Logger
  /** Called after anything the queue screen shows has changed. */
  onChange?(): void
  /** Called as a body uploads: when the upstream says how much it holds, and after each chunk. */
  onProgress?(progress: SyncProgress): void
  /** Signs due audit checkpoints; each pass ships them after the files (audit-shipper.ts). */
  auditCheckpointer?: AuditCheckpointer
}

export function emptyPassResult(stoppedBecause: string | null = null): SyncPassResult {
  return {
    online: false,
    sent: 0,
    failed: 0,
    dead: 0,
    statusUpdates: 0,
    bodiesDeleted: 0,
    stoppedBecause,
    retryAfterMs: null,
  }
}
