import pg from 'pg'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { apiPaths, ChunkResponseSchema, ErrorBodySchema } from '../../../../protocol'
import { parse } from '../../../../lib/schema'
import {
  buildFile,
  registerTerminal,
  signedInject,
  testTerminal,
  testUpstream,
} from '../../test-support'
import { POSTGRES_ENV } from '../../../../tests/setup/postgres-services'

const FILE_A = '11111111-1111-4111-8111-111111111111'

let env: Awaited<ReturnType<typeof testUpstream>>
const terminal = testTerminal()

beforeEach(async () => {
  env = await testUpstream()
  await registerTerminal(env.upstream, terminal)
})
afterEach(() => env.cleanup())

/** As the cluster's superuser, on its `postgres` database. */
async function superuser(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: process.env[POSTGRES_ENV.url] })
  await client.connect()
  try {
    await client.query(sql)
  } finally {
    await client.end()
  }
}

/** What a restart looks like to the upstream: its connections cut, no new one let in. */
async function takeDown(name: string) {
  await superuser(`ALTER DATABASE ${name} ALLOW_CONNECTIONS false`)
  await superuser(
    `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '${name}'`,
  )
}

describe('PostgreSQL going away in the middle of an upload', () => {
  it('is answered 503 unavailable with Retry-After; once it is back the same chunk completes the file, once', async () => {
    const name = new URL(env.database.database ?? '').pathname.slice(1)
    expect(name).toMatch(/^kiosk_test_/)
    const file = buildFile(env.upstream, terminal, FILE_A)
    const announce = await signedInject(env.upstream, terminal, {
      method: 'POST',
      path: apiPaths.announce(),
      json: { fileId: FILE_A, sha256: file.sha256, size: file.size },
    })
    expect(announce.statusCode).toBe(200)
    const lastChunk = () =>
      signedInject(env.upstream, terminal, {
        method: 'PUT',
        path: apiPaths.chunk(FILE_A, 0, true),
        bytes: file.body,
      })

    await takeDown(name)
    const refused = await lastChunk()
    expect(refused.statusCode).toBe(503)
    expect(refused.headers['retry-after']).toBe('5')
    const { error } = parse(ErrorBodySchema, refused.json())
    expect(error.code).toBe('unavailable')
    expect(error.message).toMatch(/\p{L}.* \/ .*database cannot be reached/u)

    await superuser(`ALTER DATABASE ${name} ALLOW_CONNECTIONS true`)
    const completed = await lastChunk()
    expect(completed.statusCode, completed.body).toBe(200)
    expect(parse(ChunkResponseSchema, completed.json()).receipt?.fileId).toBe(FILE_A)
    expect(await env.upstream.stats()).toMatchObject({ received: 1, duplicates: 0 })
    const feed = await env.upstream.ctx.repos.statusEvents.page(terminal.terminalId, 0, 10)
    expect(feed.items.map((item) => item.state)).toEqual(['received'])
  })
})
