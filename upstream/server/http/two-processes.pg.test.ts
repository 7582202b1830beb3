import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { apiPaths, ChunkResponseSchema, ErrorBodySchema } from '../../../protocol'
import { parse } from '../../../lib/schema'
import {
  buildFile,
  registerTerminal,
  reviewerToken,
  sampleChipPki,
  signedInject,
  testTerminal,
  testUpstream,
  TEST_REVIEWER_COST,
} from '../test-support'
import { openUpstream, type Upstream } from '../upstream'

const FILE_A = '11111111-1111-4111-8111-111111111111'

let env: Awaited<ReturnType<typeof testUpstream>>
/** A second intake process: its own pool on the same database, the same keys. */
let other: Upstream
const terminal = testTerminal()

beforeEach(async () => {
  env = await testUpstream({ training: true, trust: [sampleChipPki().csca.certificateDer] })
  if (!env.database.database) throw new Error('this test runs in the postgres project')
  other = await openUpstream({
    dataDir: env.dataDir,
    database: env.database.database,
    training: true,
    now: env.clock.now,
    reviewerPasswordCost: TEST_REVIEWER_COST,
  })
  await registerTerminal(env.upstream, terminal)
})
afterEach(async () => {
  await other.close()
  await env.cleanup()
})

const both = () => [env.upstream, other]

describe('two intake processes on one PostgreSQL', () => {
  it('receive a file sent through both at once exactly once, and approve it once', async () => {
    const file = buildFile(env.upstream, terminal, FILE_A)
    const announced = await Promise.all(
      both().map((upstream) =>
        signedInject(upstream, terminal, {
          method: 'POST',
          path: apiPaths.announce(),
          json: { fileId: FILE_A, sha256: file.sha256, size: file.size },
        }),
      ),
    )
    expect(announced.map((r) => r.statusCode)).toEqual([200, 200])

    const completed = await Promise.all(
      both().map((upstream) =>
        signedInject(upstream, terminal, {
          method: 'PUT',
          path: apiPaths.chunk(FILE_A, 0, true),
          bytes: file.body,
        }),
      ),
    )
    expect(completed.map((r) => r.statusCode)).toEqual([200, 200])
    const [first, second] = completed.map((r) => parse(ChunkResponseSchema, r.json()).receipt)
    expect(first).toBeDefined()
    expect(second).toEqual(first)
    const viaComplete = await signedInject(other, terminal, {
      method: 'POST',
      path: apiPaths.complete(FILE_A),
      json: {},
    })
    expect(viaComplete.json()).toEqual({ receipt: first })
    expect(await other.stats()).toMatchObject({ received: 1 })
    const feed = await other.ctx.repos.statusEvents.page(terminal.terminalId, 0, 10)
    expect(feed.items.map((item) => item.state)).toEqual(['received'])

    // The account is in the shared database: the same token works at either process.
    const token = await reviewerToken(env.upstream)
    const decisions = await Promise.all(
      both().map((upstream) =>
        upstream.app.inject({
          method: 'POST',
          url: `/review/api/files/${FILE_A}/approve`,
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
          payload: '{}',
        }),
      ),
    )
    expect(decisions.map((r) => r.statusCode).sort()).toEqual([200, 409])
    const refused = decisions.find((r) => r.statusCode === 409)
    expect(parse(ErrorBodySchema, refused?.json()).error.code).toBe('not_reviewable')
    const notices = (await other.ctx.repos.smsOutbox.list(10)).filter((n) => n.fileId === FILE_A)
    expect(notices.map((n) => n.kind)).toEqual(['approval'])
    const events = await env.upstream.ctx.repos.statusEvents.page(terminal.terminalId, 0, 10)
    expect(events.items.map((item) => item.state)).toEqual(['received', 'approved'])
  })
})
