import type { AuditCheckpointRepository } from '../audit/audit-checkpoints'
import type { BodyStore } from '../intake/body-store'
import type { AsyncRepository } from './async-repository'
import type { FileRepository } from './files'
import type { InviteRepository } from './invites'
import type { NonceStore } from './nonces'
import type { RateWindows } from './rate-windows'
import type { ReviewerRepository } from './reviewers'
import type { SmsOutbox } from './sms-outbox'
import type { StatusEventRepository } from './status-events'
import type { TerminalRepository } from './terminals'
import type { UnfinishedUploads } from './unfinished-uploads'

/** The upstream's repositories as both backends offer them: every answer a promise. */
export interface UpstreamRepositories {
  terminals: AsyncRepository<TerminalRepository>
  invites: AsyncRepository<InviteRepository>
  nonces: AsyncRepository<NonceStore>
  files: AsyncRepository<FileRepository>
  statusEvents: AsyncRepository<StatusEventRepository>
  bodies: AsyncRepository<BodyStore>
  unfinished: AsyncRepository<UnfinishedUploads>
  smsOutbox: AsyncRepository<SmsOutbox>
  reviewers: AsyncRepository<ReviewerRepository>
  audit: AsyncRepository<AuditCheckpointRepository>
  /** The per-terminal rate limit's counts: this process's memory on SQLite, shared on PostgreSQL. */
  rateWindows: AsyncRepository<RateWindows>
}

export type UpstreamBackend = 'sqlite' | 'postgres'

/**
 * The upstream's database, SQLite (one process) or PostgreSQL (several processes).
 * `transaction` and `durably` hand `work` repositories bound to one transaction: committed when
 * `work` resolves, rolled back when it throws.
 */
export interface UpstreamStore {
  readonly backend: UpstreamBackend
  /** Each call its own statement (or its own small transaction). */
  readonly repos: UpstreamRepositories
  transaction<T>(work: (repos: UpstreamRepositories) => Promise<T>): Promise<T>
  /** As `transaction`, resolving only once the commit is on disk (receipts, decisions, registrations). */
  durably<T>(work: (repos: UpstreamRepositories) => Promise<T>): Promise<T>
  /** A mark of this moment, for `onDiskSince`: take it right after a commit to be made durable. */
  durabilityMark(): number
  /** Resolves once every commit made before `mark` is on disk (SQLite's group commit; PostgreSQL at once). */
  onDiskSince(mark: number): Promise<void>
  close(): Promise<void>
}
