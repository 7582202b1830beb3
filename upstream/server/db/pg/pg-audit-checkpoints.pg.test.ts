import { describe, expect, it } from 'vitest'
import { usePostgresDatabases } from '../../../../tests/support/postgres'
import { auditCheckpointHash, type AuditCheckpoint } from '../../../../protocol'
import { acceptAuditCheckpoints } from '../../audit/audit-checkpoints'
import { UpstreamError } from '../../errors'
import {
  acceptContext,
  auditContract,
  checkpointChain,
  registeredTerminal,
  type AuditBackend,
} from '../contract/audit-contract'
import { upstreamPgMigrations } from './migrations'
import { openPostgres, type PgDatabase } from './pg-database'
import { createPgAuditCheckpointRepository } from './pg-audit-checkpoints'
import { createPgTerminalRepository } from './pg-registry'
import { poolScope } from './pg-scope'

const databases = usePostgresDatabases()

const backendOn = (db: PgDatabase): AuditBackend => ({
  audit: createPgAuditCheckpointRepository(poolScope(db)),
  terminals: createPgTerminalRepository(db.pool),
})

describe('audit checkpoints on PostgreSQL', () => {
  auditContract(async () => backendOn(await databases.open(upstreamPgMigrations)))
})

const codeOf = (answer: unknown) => (answer instanceof UpstreamError ? answer.code : 'ack')

describe('two upstream processes taking one terminal’s checkpoints at once', () => {
  it('store each checkpoint once and keep one chain', async () => {
    const db = await databases.open(upstreamPgMigrations)
    const other = openPostgres(db.url, { max: 4 })
    const [one, two] = [backendOn(db), backendOn(other)]
    try {
      const terminal = await registeredTerminal(one)
      const chain = checkpointChain(
        terminal,
        Array.from({ length: 20 }, (_, i) => i + 1),
      )
      const take = (backend: AuditBackend, checkpoints: AuditCheckpoint[]) =>
        acceptAuditCheckpoints(acceptContext, backend.audit, terminal, { checkpoints })
      const answers = await Promise.all([
        take(one, chain),
        take(two, chain),
        take(one, chain.slice(0, 10)),
        take(two, chain.slice(0, 15)),
      ])
      expect(answers.map(codeOf)).toEqual(['ack', 'ack', 'ack', 'ack'])
      const { rows } = await db.pool.query<{ seq: number; prev_checkpoint: string }>(
        "SELECT seq, prev_checkpoint FROM audit_checkpoints WHERE terminal_id = 'T-1' ORDER BY seq",
      )
      expect(rows.map((r) => r.seq)).toEqual(chain.map((cp) => cp.seq))
      expect(rows.map((r) => r.prev_checkpoint)).toEqual(chain.map((cp) => cp.prevCheckpoint))
      expect(await one.audit.flagCount()).toBe(0)
    } finally {
      await other.close()
    }
  })

  it('let only one of two forks from the same end be stored, and flag the other', async () => {
    const db = await databases.open(upstreamPgMigrations)
    const other = openPostgres(db.url, { max: 4 })
    const [one, two] = [backendOn(db), backendOn(other)]
    try {
      const terminalIds = Array.from({ length: 8 }, (_, i) => `T-${i}`)
      const races = terminalIds.map(async (terminalId) => {
        const terminal = await registeredTerminal(one, terminalId)
        const base = checkpointChain(terminal, [1, 2])
        const end = auditCheckpointHash(base[1] as AuditCheckpoint)
        await acceptAuditCheckpoints(acceptContext, one.audit, terminal, { checkpoints: base })
        const forks = [
          [one, checkpointChain(terminal, [3], end, 'a')],
          [two, checkpointChain(terminal, [5], end, 'b')],
        ] as const
        const answers = await Promise.all(
          forks.map(([backend, checkpoints]) =>
            acceptAuditCheckpoints(acceptContext, backend.audit, terminal, { checkpoints }),
          ),
        )
        return answers.map(codeOf).sort()
      })
      for (const codes of await Promise.all(races)) expect(codes).toEqual(['ack', 'audit_rewrite'])
      const { rows } = await db.pool.query<{ n: number }>(
        'SELECT count(*)::int AS n FROM audit_checkpoints',
      )
      expect(rows[0]?.n).toBe(3 * terminalIds.length)
      expect(await one.audit.flagCount()).toBe(terminalIds.length)
    } finally {
      await other.close()
    }
  })
})
