import type { KeyObject } from 'node:crypto'
import type { TrustStore } from '../../drivers/smartcard'
import type { TerminalRecord } from './db/terminals'
import type { UpstreamRepositories, UpstreamStore } from './db/store'
import type { UpstreamKeys } from './keys/upstream-keys'
import type { UpstreamLimits } from './limits'

/** What the upstream logs: one line per notable event, never file content. */
export type UpstreamLog = (message: string, fields?: Record<string, unknown>) => void

/** Everything the intake, review and HTTP layers share; built once by `createUpstreamContext`. */
export interface UpstreamContext {
  /** The database: SQLite or PostgreSQL (db/store.ts). */
  store: UpstreamStore
  /** `store.repos`: each call its own statement. */
  repos: UpstreamRepositories
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
