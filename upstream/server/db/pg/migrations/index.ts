import type { PgMigration } from '../pg-migrate'
import { pgMigration001Schema } from './001-schema'

/** The upstream's PostgreSQL schema changes, in order. Append only. */
export const upstreamPgMigrations: readonly PgMigration[] = [pgMigration001Schema]
