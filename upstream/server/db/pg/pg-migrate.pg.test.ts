import { afterAll, beforeEach, describe, expect, it } from 'vitest'
import { DatabaseFromFutureError } from '../../../../lib/sqlite'
import {
  freshPostgresDatabase,
  type TestPostgresDatabase,
} from '../../../../tests/support/postgres'
import { openPostgres, type PgDatabase } from './pg-database'
import { migratePostgres, pgSchemaVersion, type PgMigration } from './pg-migrate'

const opened: PgDatabase[] = []
const databases: TestPostgresDatabase[] = []
afterAll(async () => {
  for (const db of opened) await db.close()
  for (const database of databases) await database.drop()
})

let url = ''
beforeEach(async () => {
  const database = await freshPostgresDatabase()
  databases.push(database)
  url = database.url
})

function open(): PgDatabase {
  const db = openPostgres(url, { max: 2 })
  opened.push(db)
  return db
}

const createA: PgMigration = {
  version: 1,
  name: 'a',
  up: async (client) => void (await client.query('CREATE TABLE a (id integer PRIMARY KEY)')),
}
const createB: PgMigration = {
  version: 2,
  name: 'b',
  up: async (client) => void (await client.query('CREATE TABLE b (id integer PRIMARY KEY)')),
}

async function tables(db: PgDatabase): Promise<string[]> {
  const { rows } = await db.pool.query<{ name: string }>(
    "SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public' ORDER BY 1",
  )
  return rows.map((row) => row.name)
}

describe('PostgreSQL migrations', () => {
  it('applies the pending migrations once, in order, and then none', async () => {
    const db = open()
    expect(await pgSchemaVersion(db)).toBe(0)
    expect(await migratePostgres(db, [createA])).toEqual([1])
    expect(await migratePostgres(db, [createA, createB])).toEqual([2])
    expect(await migratePostgres(db, [createA, createB])).toEqual([])
    expect(await pgSchemaVersion(db)).toBe(2)
    expect(await tables(db)).toEqual(['a', 'b', 'schema_version'])
  })

  it('migrates once when several processes start together', async () => {
    const pools = [open(), open(), open()]
    const applied = await Promise.all(pools.map((db) => migratePostgres(db, [createA, createB])))
    expect(applied.flat().sort()).toEqual([1, 2])
    expect(await pgSchemaVersion(pools[0]!)).toBe(2)
  })

  it('rolls a failing migration back whole, leaving the last complete version', async () => {
    const db = open()
    const failing: PgMigration = {
      version: 2,
      name: 'half',
      async up(client) {
        await client.query('CREATE TABLE half (id integer)')
        await client.query('SELECT no_such_function()')
      },
    }
    await expect(migratePostgres(db, [createA, failing])).rejects.toThrow(/no_such_function/)
    expect(await pgSchemaVersion(db)).toBe(1)
    expect(await tables(db)).toEqual(['a', 'schema_version'])
  })

  it('refuses a database a newer upstream migrated, and misnumbered migrations', async () => {
    const db = open()
    await migratePostgres(db, [createA, createB])
    await expect(migratePostgres(db, [createA])).rejects.toBeInstanceOf(DatabaseFromFutureError)
    await expect(migratePostgres(db, [createB])).rejects.toThrow(/expected 1/)
  })
})
