import type { PgMigration } from '../pg-migrate'
import { pgMigration001Schema } from './001-schema'
import { pgMigration002Reviewers } from './002-reviewers'
import { pgMigration003UnfinishedUploads } from './003-unfinished-uploads'
import { pgMigration004RateWindows } from './004-rate-windows'

/** The upstream's PostgreSQL schema changes, in order. Append only. */
export const upstreamPgMigrations: readonly PgMigration[] = [
  pgMigration001Schema,
  pgMigration002Reviewers,
  pgMigration003UnfinishedUploads,
  pgMigration004RateWindows,
]
