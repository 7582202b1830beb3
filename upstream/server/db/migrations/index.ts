import type { Migration } from '../../../../lib/sqlite'
import { migration001Terminals } from './001-terminals'
import { migration002Nonces } from './002-nonces'
import { migration003Files } from './003-files'
import { migration004StatusEvents } from './004-status-events'
import { migration005SmsOutbox } from './005-sms-outbox'
import { migration006Chunks } from './006-chunks'
import { migration007ChipVerification } from './007-chip-verification'
import { migration008AuditCheckpoints } from './008-audit-checkpoints'
import { migration009SmsDelivery } from './009-sms-delivery'
import { migration010Reviewers } from './010-reviewers'
import { migration011UnfinishedUploads } from './011-unfinished-uploads'
import { migration012ChunksRowid } from './012-chunks-rowid'

/** The upstream database's schema changes, in order. Append only. */
export const upstreamMigrations: readonly Migration[] = [
  migration001Terminals,
  migration002Nonces,
  migration003Files,
  migration004StatusEvents,
  migration005SmsOutbox,
  migration006Chunks,
  migration007ChipVerification,
  migration008AuditCheckpoints,
  migration009SmsDelivery,
  migration010Reviewers,
  migration011UnfinishedUploads,
  migration012ChunksRowid,
]
