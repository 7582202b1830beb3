import type { QueueStatus, SyncProgress } from '../../contract'
import type { AuditCheckpointer, AuditLog } from '../audit'
import type { FreezeLimits, SyncSettings } from '../config'
import type { StationKeys } from '../keys'
import type { Logger } from '../log'
import type { RandomBytes } from '../../../protocol/packet'
import type { SqliteDatabase } from '../store'

/** Where the upstream is: a configured URL, or the in-process training upstream a shell started. */
export interface UpstreamTarget {
  url: string
  training: boolean
  /** Training only: a fresh invite code, so the station registers itself without an operator. */
  invite?: () => string | Promise<string>
  /** A PEM CA file: the upstream's TLS certificate must chain to it, and to nothing else. */
  caFile?: string
}

export interface QueueServicesDeps {
  db: SqliteDatabase
  audit: AuditLog
  /** When set, each sync pass ships the audit checkpoints it signs. */
  auditCheckpointer?: AuditCheckpointer
  dataDir: string
  stationId: string
  keys: StationKeys
  software: { name: string; version: string }
  sync?: Partial<SyncSettings>
  freeze?: Partial<FreezeLimits>
  upstream: UpstreamTarget | null
  now: () => Date
  randomBytes: RandomBytes
  random: () => number
  randomId: () => string
  log: Logger
  freeDiskBytes?: (dir: string) => number
  fetch?: typeof fetch
  onChange?: (status: QueueStatus) => void
  /** A file's upload progress, pushed to every window as `sync.progress`. */
  onSyncProgress?: (progress: SyncProgress) => void
}
