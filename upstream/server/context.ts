import type { KeyObject } from 'node:crypto'
import type { TrustStore } from '../../drivers/smartcard'
import type { SqliteDatabase } from '../../lib/sqlite'
import { createFileRepository, type FileRepository } from './db/files'
import { createInviteRepository, type InviteRepository } from './db/invites'
import { createNonceStore, type NonceStore } from './db/nonces'
import { createReviewerRepository, type ReviewerRepository } from './db/reviewers'
import { createSmsOutbox, type SmsOutbox, type SmsOutboxKeys } from './db/sms-outbox'
import { createStatusEventRepository, type StatusEventRepository } from './db/status-events'
import {
  createTerminalRepository,
  type TerminalRecord,
  type TerminalRepository,
} from './db/terminals'
import type { CommittedSync, GroupCommit } from './db/group-commit'
import type { BodyStore } from './intake/body-store'
import type { UpstreamKeys } from './keys/upstream-keys'
import type { UpstreamLimits } from './limits'

/** What the upstream logs: one line per notable event, never file content. */
export type UpstreamLog = (message: string, fields?: Record<string, unknown>) => void

export interface UpstreamRepositories {
  terminals: TerminalRepository
  invites: InviteRepository
  nonces: NonceStore
  files: FileRepository
  statusEvents: StatusEventRepository
  smsOutbox: SmsOutbox
  reviewers: ReviewerRepository
}

export function createRepositories(
  db: SqliteDatabase,
  outboxKeys: SmsOutboxKeys,
): UpstreamRepositories {
  return {
    terminals: createTerminalRepository(db),
    invites: createInviteRepository(db),
    nonces: createNonceStore(db),
    files: createFileRepository(db),
    statusEvents: createStatusEventRepository(db),
    smsOutbox: createSmsOutbox(db, outboxKeys),
    reviewers: createReviewerRepository(db),
  }
}

/** Everything the intake, review and HTTP layers share; built once by `createUpstreamContext`. */
export interface UpstreamContext {
  db: SqliteDatabase
  /** Commits a write and resolves once it is on disk (group commit, see db/group-commit.ts). */
  commitDurably: GroupCommit
  /** The group commit's WAL syncs: when commits made so far are on disk. */
  syncCommitted: CommittedSync
  repos: UpstreamRepositories
  bodies: BodyStore
  keys: UpstreamKeys
  /** CSCAs for passive authentication of chip data: `<data dir>/trust/`, read at open. */
  chipTrust: TrustStore
  now(): Date
  randomBytes(size: number): Buffer
  log: UpstreamLog
  /** Files sent here are training files (the in-process upstream of `npm start` / `npm run host`). */
  training: boolean
  maxSkewMs: number
  maxChunkSize: number
  maxFileSize: number
  /** Per-terminal rate, quota and expiry of unfinished uploads. */
  limits: UpstreamLimits
}

/** A registered terminal with its key ready for verification. */
export interface AuthenticatedTerminal {
  record: TerminalRecord
  publicKey: KeyObject
}
