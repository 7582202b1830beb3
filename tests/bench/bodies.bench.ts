import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { asyncRepository, type AsyncRepository } from '../../upstream/server/db/async-repository'
import { openUpstreamDatabase } from '../../upstream/server/db/database'
import { createFileRepository } from '../../upstream/server/db/files'
import { upstreamPgMigrations } from '../../upstream/server/db/pg/migrations'
import { createPgBodyStore } from '../../upstream/server/db/pg/pg-body-store'
import { openPostgres } from '../../upstream/server/db/pg/pg-database'
import { createPgFileRepository } from '../../upstream/server/db/pg/pg-files'
import { migratePostgres } from '../../upstream/server/db/pg/pg-migrate'
import { createPgTerminalRepository } from '../../upstream/server/db/pg/pg-registry'
import { poolScope } from '../../upstream/server/db/pg/pg-scope'
import { createTerminalRepository } from '../../upstream/server/db/terminals'
import { createBodyStore, type BodyStore } from '../../upstream/server/intake/body-store'
import { createDirectoryBodyStore } from '../../upstream/server/intake/directory-body-store'
import { startBenchPostgres } from './bench-postgres'
import type { BenchSuite } from './run'
import { formatTiming, time } from './stats'

const BODY = 64 * 1024
const RUNS = 200
const WARMUP = 20

type Files = Pick<AsyncRepository<ReturnType<typeof createFileRepository>>, 'announce'>
type Terminals = Pick<AsyncRepository<ReturnType<typeof createTerminalRepository>>, 'upsert'>

/** Announces one file per run (chunks belong to a file), outside the timed part. */
async function announced(terminals: Terminals, files: Files | null, count: number) {
  await terminals.upsert({
    terminalId: 'T-1',
    publicKey: 'cHVibGlj',
    keyId: 'k'.repeat(32),
    keyType: 'ed25519',
    registeredAt: 't0',
  })
  const ids = Array.from({ length: count }, (_, i) => {
    const n = String(i).padStart(12, '0')
    return `00000000-0000-4000-8000-${n}`
  })
  for (const fileId of ids)
    await files?.announce({
      fileId,
      terminalId: 'T-1',
      sha256: 'c'.repeat(64),
      size: BODY,
      source: 'upload',
      at: 't0',
    })
  return ids
}

/** One 64 KB body written (one chunk) and read back per run, each run a new file. */
async function figure(label: string, bodies: AsyncRepository<BodyStore>, ids: string[]) {
  const body = randomBytes(BODY)
  let next = 0
  const timing = await time(
    async () => {
      const id = ids[next++] ?? ''
      await bodies.write(id, 0, body)
      if ((await bodies.read(id)).byteLength !== BODY) throw new Error(`${label}: short read`)
    },
    RUNS,
    WARMUP,
  )
  const mbPerSecond = BODY / 1024 / 1024 / (timing.median / 1000)
  return `${formatTiming(label, timing)}  ${mbPerSecond.toFixed(1)} MB/s`
}

/** A database of its own on a cluster this suite starts, with fsync on (the tests' is off). */
async function postgresStore(print: (line: string) => void) {
  const cluster = await startBenchPostgres(print)
  if (!cluster) return null
  const db = openPostgres(await cluster.database('bench_bodies'), { max: 4 })
  await migratePostgres(db, upstreamPgMigrations)
  return { db, stop: () => cluster.stop() }
}

export const bodiesBench: BenchSuite = {
  name: 'bodies',
  description: 'a 64 KB body written then read back, in each body store (issue 16)',
  async run(print) {
    const root = mkdtempSync(join(tmpdir(), 'kiosk-bench-bodies-'))
    const count = RUNS + WARMUP
    try {
      const sqlite = openUpstreamDatabase(join(root, 'upstream.db'))
      const sqliteIds = await announced(
        asyncRepository(createTerminalRepository(sqlite)),
        asyncRepository(createFileRepository(sqlite)),
        count,
      )
      print(
        await figure(
          'SQLite chunks (synchronous=NORMAL)',
          asyncRepository(createBodyStore(sqlite)),
          sqliteIds,
        ),
      )
      sqlite.close()
      const directory = createDirectoryBodyStore(join(root, 'bodies'))
      const noFiles = { upsert: async () => undefined }
      print(
        await figure(
          'directory (fsync per write)',
          directory,
          await announced(noFiles, null, count),
        ),
      )
      const postgres = await postgresStore(print)
      if (postgres) {
        try {
          const ids = await announced(
            createPgTerminalRepository(postgres.db.pool),
            createPgFileRepository(postgres.db.pool),
            count,
          )
          print(
            await figure(
              'PostgreSQL chunks (fsync on)',
              createPgBodyStore(poolScope(postgres.db)),
              ids,
            ),
          )
        } finally {
          await postgres.db.close()
          await postgres.stop()
        }
      }
    } finally {
      rmSync(root, { recursive: true, force: true })
    }
  },
}
