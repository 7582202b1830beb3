import type { Migration } from '../../../../lib/sqlite/migrate'
import { migration001Settings } from './001-settings'
import { migration002AuditLog } from './002-audit-log'
import { migration003TerminalRegistration } from './003-terminal-registration'
import { migration004Queue } from './004-queue'
import { migration005Receipts } from './005-receipts'
import { migration006Drafts } from './006-drafts'
import { migration007SyncState } from './007-sync-state'
import { migration008QueueCounts } from './008-queue-counts'
import { migration009Officers } from './009-officers'
import { migration010AuditCheckpoints } from './010-audit-checkpoints'

/** Every schema change, in order. Append only: never edit a migration that has shipped. */
export const migrations: readonly Migration[] = [
  migration001Settings,
  migration002AuditLog,
  migration003TerminalRegistration,
  migration004Queue,
  migration005Receipts,
  migration006Drafts,
  migration007SyncState,
  migration008QueueCounts,
  migration009Officers,
  migration010AuditCheckpoints,
]
