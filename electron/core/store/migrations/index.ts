import type { Migration } from '../migrate'
import { migration001Settings } from './001-settings'
import { migration002AuditLog } from './002-audit-log'

/** Every schema change, in order. Append only: never edit a migration that has shipped. */
export const migrations: readonly Migration[] = [migration001Settings, migration002AuditLog]
