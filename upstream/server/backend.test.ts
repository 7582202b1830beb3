import { afterEach, describe, expect, it } from 'vitest'
import { UPSTREAM_BACKEND_ENV } from '../../tests/support/upstream-backend'
import { testUpstream } from './test-support'

const cleanups: (() => Promise<void>)[] = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup()
})

describe('the upstream suite', () => {
  // The same files run in the unit project (SQLite) and in the postgres project (PostgreSQL).
  it('opens its upstreams on the backend of the project it runs in', async () => {
    const env = await testUpstream()
    cleanups.push(env.cleanup)
    const expected = process.env[UPSTREAM_BACKEND_ENV] === 'postgres' ? 'postgres' : 'sqlite'
    expect(env.upstream.ctx.store.backend).toBe(expected)
    expect(env.database).toEqual(expected === 'postgres' ? { database: expect.any(String) } : {})
  })
})
