import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { apiPaths, ErrorBodySchema } from '../../protocol'
import { startUpstream, type ListeningUpstream } from '../../upstream/server'
import { createCore, type Core } from '../../electron/core'
import { generateTerminalKeyPair } from '../../protocol/packet'
import { syntheticEnrollmentParts } from '../../electron/core/queue'
import { createTerminalRegistrationRepository } from '../../electron/core/store'
import { createUpstreamClient, UpstreamRequestError } from '../../electron/core/sync'
import { tempKioskConfig } from '../../electron/core/test-support'
import { startFaultProxy, type Fault, type FaultProxy } from '../support/fault-proxy'
import { parse } from '../../lib/schema'

const CHUNK = 8 * 1024
let upstream: ListeningUpstream
let proxy: FaultProxy
let core: Core
const cleanups: (() => unknown)[] = []
// The kiosk's clock: real time plus every backoff the sync loop asked to wait, so a retry comes
// due at once instead of after a real sleep (the upstream's skew check tolerates far more).
let skippedMs = 0
const kioskNow = (): Date => new Date(Date.now() + skippedMs)

beforeAll(async () => {
  const upstreamDir = mkdtempSync(join(tmpdir(), 'faults-upstream-'))
  cleanups.push(() => rmSync(upstreamDir, { recursive: true, force: true }))
  upstream = await startUpstream({ dataDir: upstreamDir })
  cleanups.push(() => upstream.close())
  proxy = await startFaultProxy(upstream.url)
  cleanups.push(() => proxy.close())
  const kiosk = tempKioskConfig({
    upstreamUrl: proxy.url,
    sync: { chunkSize: CHUNK, backoffBaseMs: 20, backoffMaxMs: 100, requestTimeoutMs: 1500 },
  })
  cleanups.push(kiosk.cleanup)
  core = await createCore(kiosk.config, { shell: 'cli', random: () => 0.5, now: kioskNow })
  cleanups.push(() => core.close())
  await core.queue.register(await upstream.registrationCode())
})

afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup()
})

beforeEach(() => proxy.setRule(() => ({ kind: 'pass' })))

/** A file of about 40 KB: five chunks. */
function submit() {
  return core.submit({
    officerId: 'officer-7',
    startedAt: new Date().toISOString(),
    parts: syntheticEnrollmentParts(randomBytes, 36 * 1024),
    simulated: true,
  })
}

/** The request that sends a file's last chunk and completes it (`…/body?offset=N&complete=1`). */
const lastChunkOf = (fileId: string) => (path: string) =>
  path.includes(`/files/${fileId}/body`) && path.endsWith('&complete=1')

/** Applies `fault` to `times` requests from the `nth` (0-based) matching method and path. */
function faultOn(
  method: string,
  pathPart: string | ((path: string) => boolean),
  nth: number,
  fault: Fault,
  times = 1,
) {
  let seen = 0
  const matches =
    typeof pathPart === 'string' ? (path: string) => path.includes(pathPart) : pathPart
  proxy.setRule(({ method: m, path }) => {
    if (m !== method || !matches(path)) return { kind: 'pass' }
    const index = seen++
    return index >= nth && index < nth + times ? fault : { kind: 'pass' }
  })
}

async function syncUntilEmpty() {
  return core.queue.sync.runUntilEmpty({
    sleep: async (ms) => {
      skippedMs += ms
    },
  })
}

async function onUpstreamOnce(fileId: string) {
  const record = await upstream.ctx.repos.files.get(fileId)
  expect(record?.state).toBe('received')
  expect(core.queue.repository.get(fileId)?.state).toBe('sent')
  expect(core.queue.receipts.get(fileId)?.fileId).toBe(fileId)
}

describe('sync through a faulty network', () => {
  it('goes offline when the connection is refused, and delivers once it is back', async () => {
    const file = submit()
    await proxy.refuse()
    const pass = await core.queue.sync.runPass()
    expect(pass.online).toBe(false)
    expect(pass.stoppedBecause).toMatch(/Upstream unreachable.*ECONNREFUSED/)
    expect(core.queue.status().sync.online).toBe(false)
    await proxy.accept()
    await syncUntilEmpty()
    await onUpstreamOnce(file.fileId)
    expect(core.queue.status().sync.online).toBe(true)
  })

  it('resumes an upload reset mid-body from the offset the upstream holds', async () => {
    const file = submit()
    // Both the request and the client's one immediate retry on a reset socket are cut off.
    faultOn('PUT', file.fileId, 2, { kind: 'reset-request', afterBytes: 1000 }, 2)
    const first = await core.queue.sync.runPass()
    expect(first.failed).toBe(1)
    const entry = core.queue.repository.get(file.fileId)
    expect(entry).toMatchObject({ state: 'queued', attempts: 1, uploadedOffset: 2 * CHUNK })
    expect(entry?.lastError).toMatch(/Upstream unreachable/)
    const before = proxy.requests.length
    await syncUntilEmpty()
    const puts = proxy.requests
      .slice(before)
      .filter((r) => r.method === 'PUT' && r.path.includes(file.fileId))
    expect(puts[0]?.path).toContain(`offset=${2 * CHUNK}`)
    await onUpstreamOnce(file.fileId)
  })

  it('recovers the receipt when the answer to the completing last chunk is cut off', async () => {
    const file = submit()
    // Both the request and the client's one immediate retry on a closed socket are cut off.
    faultOn('PUT', lastChunkOf(file.fileId), 0, { kind: 'reset-response', afterBytes: 10 }, 2)
    expect((await core.queue.sync.runPass()).failed).toBe(1)
    expect((await upstream.ctx.repos.files.get(file.fileId))?.state).toBe('received')
    await syncUntilEmpty()
    await onUpstreamOnce(file.fileId)
  })

  it('backs off on 503 and on a 500 sent after the upstream did the work', async () => {
    const a = submit()
    faultOn('POST', apiPaths.announce(), 0, { kind: 'status', status: 503 })
    const pass = await core.queue.sync.runPass()
    expect(pass).toMatchObject({ failed: 1, sent: 0 })
    expect(core.queue.repository.get(a.fileId)?.lastError).toMatch(/HTTP 503/)
    const b = submit()
    faultOn('PUT', lastChunkOf(b.fileId), 0, { kind: 'status', status: 500, forward: true })
    await syncUntilEmpty()
    await onUpstreamOnce(a.fileId)
    await onUpstreamOnce(b.fileId)
    expect(core.queue.repository.get(b.fileId)?.attempts).toBe(1)
  })

  it('tolerates a slow link and times out a silent one', async () => {
    const slow = submit()
    proxy.setRule(() => ({ kind: 'slow', delayMs: 40 }))
    const pass = await core.queue.sync.runPass()
    expect(pass.sent).toBe(1)
    await onUpstreamOnce(slow.fileId)

    const silent = submit()
    faultOn('PUT', silent.fileId, 0, { kind: 'hang' })
    const started = Date.now()
    expect((await core.queue.sync.runPass()).failed).toBe(1)
    expect(Date.now() - started).toBeGreaterThanOrEqual(1400)
    expect(core.queue.repository.get(silent.fileId)?.lastError).toMatch(/Upstream unreachable/)
    await syncUntilEmpty()
    await onUpstreamOnce(silent.fileId)
  })
})

describe('refusals carry a reason', () => {
  it('dead-letters a body altered on the way at once, and a requeued clean attempt succeeds', async () => {
    const file = submit()
    faultOn('PUT', file.fileId, 1, { kind: 'tamper', at: 100 })
    const pass = await core.queue.sync.runPass()
    // A permanent refusal: no retry of the same request can succeed, so no backoff first.
    expect(pass).toMatchObject({ dead: 1, failed: 0 })
    const entry = core.queue.repository.get(file.fileId)
    expect(entry?.state).toBe('dead')
    expect(entry?.permanentFailures).toBe(1)
    expect(entry?.deadReason).toMatch(/body|signature/i)
    expect(core.queue.sync.retry(file.fileId, 'support')).toBe(true)
    await syncUntilEmpty()
    await onUpstreamOnce(file.fileId)
  })

  it('refuses a replayed request', async () => {
    submit()
    await syncUntilEmpty()
    const original = proxy.requests.findLast(
      (r) => r.method === 'POST' && r.path === apiPaths.announce(),
    )!
    const replay = await fetch(`${upstream.url}${original.path}`, {
      method: 'POST',
      headers: new Headers(original.headers),
      body: new Uint8Array(original.body),
    })
    expect(replay.status).toBe(401)
    const body = parse(ErrorBodySchema, await replay.json())
    expect(body.error.code).toBe('replayed_nonce')
    expect(body.error.message).toMatch(/ \/ /)
  })

  it('refuses an unregistered terminal, and dead-letters its file with the reason', async () => {
    const deadline = Date.now() + 3000
    const stranger = generateTerminalKeyPair(randomBytes)
    const client = createUpstreamClient({
      baseUrl: upstream.url,
      terminalId: 'stranger-1',
      privateKey: stranger.privateKey,
      now: () => new Date(),
      randomBytes,
      timeoutMs: 2000,
      trust: () => ({
        upstreamId: upstream.keys.publicDocument.upstreamId,
        signingKey: upstream.keys.signing.publicKey,
      }),
    })
    const refusal = await client
      .announce({ fileId: crypto.randomUUID(), sha256: 'a'.repeat(64), size: 10 })
      .catch((e: unknown) => e)
    expect(refusal).toBeInstanceOf(UpstreamRequestError)
    expect(refusal).toMatchObject({ code: 'unregistered_terminal', errorClass: 'permanent' })

    // A station that believes it is registered, but the upstream never saw its key.
    const kiosk = tempKioskConfig({
      upstreamUrl: upstream.url,
      sync: { backoffBaseMs: 10, backoffMaxMs: 20, deadLetterAfter: 2 },
    })
    cleanups.push(kiosk.cleanup)
    let otherSkippedMs = 0
    const other = await createCore(kiosk.config, {
      shell: 'cli',
      now: () => new Date(Date.now() + otherSkippedMs),
    })
    cleanups.push(() => other.close())
    const registration = core.queue.registration()!
    createTerminalRegistrationRepository(other.db).set({
      ...registration,
      terminalId: other.stationId,
      keyId: other.keys.terminal.keyId,
    })
    const file = other.submit({
      officerId: 'officer-8',
      startedAt: new Date().toISOString(),
      parts: syntheticEnrollmentParts(randomBytes, 4096),
      simulated: true,
    })
    await other.queue.sync.runUntilEmpty({
      // The same skipped-clock backoff as syncUntilEmpty; the real-time deadline only guards a hang.
      sleep: async (ms) => {
        otherSkippedMs += ms
      },
      shouldStop: () => Date.now() > deadline,
    })
    const entry = other.queue.repository.get(file.fileId)
    expect(entry?.state).toBe('dead')
    expect(entry?.deadReason).toMatch(/ \/ /)
    expect(other.queue.status().counts.dead).toBe(1)
    expect(await upstream.ctx.repos.files.get(file.fileId)).toBeUndefined()
  })
})
