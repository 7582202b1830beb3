import { describe, expect, it } from 'vitest'
import { usePostgresDatabases } from '../../../../tests/support/postgres'
import { bodyStoreContract } from '../contract/body-store-contract'
import { writePlan } from '../contract/concurrent-reads'
import { announcingNewFile } from '../contract/file-ids'
import {
  unfinishedUploadsContract,
  type UnfinishedUploadsUnderTest,
} from '../contract/unfinished-uploads-contract'
import { upstreamPgMigrations } from './migrations'
import { createPgBodyStore } from './pg-body-store'
import { openPostgres } from './pg-database'
import { createPgFileRepository } from './pg-files'
import { createPgTerminalRepository } from './pg-registry'
import { poolScope, transactionScope } from './pg-scope'
import { createPgUnfinishedUploads } from './pg-unfinished-uploads'

const databases = usePostgresDatabases()

async function openPg(): Promise<UnfinishedUploadsUnderTest & { url: string }> {
  const db = await databases.open(upstreamPgMigrations)
  const scope = poolScope(db)
  return {
    url: db.url,
    terminals: createPgTerminalRepository(db.pool),
    files: createPgFileRepository(db.pool),
    unfinished: createPgUnfinishedUploads(scope),
    bodies: createPgBodyStore(scope),
  }
}

describe('bodies and unfinished uploads on PostgreSQL', () => {
  bodyStoreContract(async () => {
    const backend = await openPg()
    return { bodies: backend.bodies, newFile: announcingNewFile(backend) }
  }, 25)
  unfinishedUploadsContract(openPg)
})

describe('a body written by one intake process and read by another', () => {
  it('is read as it was before or after each write, never half-written', async () => {
    const writer = await openPg()
    const other = openPostgres(writer.url, { max: 2 })
    try {
      const reader = createPgBodyStore(poolScope(other))
      const id = await announcingNewFile(writer)()
      const plan = writePlan(40)
      let writing = true
      const seen: Buffer[] = []
      const reading = (async () => {
        while (writing) seen.push(await reader.read(id))
      })()
      for (const { offset, data } of plan.writes) await writer.bodies.write(id, offset, data)
      writing = false
      await reading
      expect(seen.length).toBeGreaterThan(0)
      for (const body of seen) expect(plan.states.some((state) => state.equals(body))).toBe(true)
    } finally {
      await other.close()
    }
  })
})

describe('the body store inside a caller’s transaction', () => {
  it('writes with it, and a rollback takes the write back', async () => {
    const db = await databases.open(upstreamPgMigrations)
    const backend = {
      terminals: createPgTerminalRepository(db.pool),
      files: createPgFileRepository(db.pool),
    }
    const id = await announcingNewFile(backend)()
    const bodies = createPgBodyStore(poolScope(db))
    await bodies.write(id, 0, Buffer.from('kept'))
    await expect(
      db.transaction(async (client) => {
        await createPgBodyStore(transactionScope(client)).write(id, 2, Buffer.from('st'))
        throw new Error('the caller gives up')
      }),
    ).rejects.toThrow(/gives up/)
    expect((await bodies.read(id)).toString()).toBe('kept')
  })
})
