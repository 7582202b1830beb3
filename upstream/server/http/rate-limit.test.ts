import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { apiPaths, ErrorBodySchema } from '../../../protocol'
import { parse } from '../../../lib/schema'
import {
  registerTerminal,
  signedInject,
  testTerminal,
  testUpstream,
  type TestTerminal,
} from '../test-support'

const WINDOW_MS = 60_000
const MAX = 3

let env: Awaited<ReturnType<typeof testUpstream>>
let first: TestTerminal
let second: TestTerminal

beforeEach(async () => {
  env = await testUpstream({ limits: { requestsPerWindow: MAX, rateWindowMs: WINDOW_MS } })
  first = testTerminal('terminal-1')
  second = testTerminal('terminal-2')
  await registerTerminal(env.upstream, first)
  await registerTerminal(env.upstream, second)
})
afterEach(() => env.cleanup())

const status = (terminal: TestTerminal) =>
  signedInject(env.upstream, terminal, { method: 'GET', path: apiPaths.status(undefined, 10) })

describe('per-terminal rate limit', () => {
  it('answers 429 rate_limited with Retry-After past the limit, per terminal, until the window ends', async () => {
    for (let i = 0; i < MAX; i++) expect((await status(first)).statusCode).toBe(200)
    env.clock.advance(15_000)
    const refused = await status(first)
    expect(refused.statusCode).toBe(429)
    expect(refused.headers['retry-after']).toBe('45')
    const error = parse(ErrorBodySchema, refused.json()).error
    expect(error.code).toBe('rate_limited')
    expect(error.message).toMatch(/ \/ /)

    // Another terminal has its own count.
    expect((await status(second)).statusCode).toBe(200)

    env.clock.advance(45_000)
    expect((await status(first)).statusCode).toBe(200)
  })

  it('does not count requests that fail authentication against the terminal they name', async () => {
    const impostor = { ...testTerminal('impostor'), terminalId: first.terminalId }
    for (let i = 0; i < MAX + 2; i++) expect((await status(impostor)).statusCode).toBe(401)
    for (let i = 0; i < MAX; i++) expect((await status(first)).statusCode).toBe(200)
  })
})
