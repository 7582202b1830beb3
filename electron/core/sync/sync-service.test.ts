import { createHash, generateKeyPairSync } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { SyncProgressEventSchema, type SyncProgress } from '../../contract'
import { parse } from '../../../lib/schema'
import { publicKeyToBase64, signReceipt, type Receipt, type UpstreamInfo } from '../../../protocol'
import { createAuditCheckpointer, createAuditLog, withCheckpoints } from '../audit'
import { auditTestKeys } from '../audit/test-helpers'
import { DEFAULT_SYNC_SETTINGS } from '../config'
import { silentLogger } from '../log'
import { createOutbox } from '../queue/outbox'
import {
  createQueueRepository,
  createReceiptRepository,
  createSyncStateRepository,
  type TerminalRegistration,
} from '../store'
import { databaseAtVersion } from '../store/test-helpers'
import type { UpstreamClient } from './client'
import { createSyncService } from './sync-service'
import { UpstreamRequestError } from './upstream-error'

const FILE_ID = '6f1c2a9e-3b7d-4c5e-9a81-0d2f4b6c8e10'
const dirs: string[] = []
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true })
})

const registration: TerminalRegistration = {
  terminalId: 'station-1',
  keyId: 'k1',
  upstreamId: 'upstream-1',
  upstreamUrl: null,
  encryptionKeyId: 'e1',
  encryptionPublicKey: '',
  signingKeyId: 's1',
  signingPublicKey: '',
  registeredAt: '2026-01-01T00:00:00.000Z',
}

/** A client whose announce always fails with `refusal`; every other call is never reached. */
function refusingClient(refusal: UpstreamRequestError): UpstreamClient {
  const unreachable = () => Promise.reject(new Error('not reached'))
  return {
    baseUrl: 'http://upstream.test',
    info: () => Promise.resolve({ keys: { upstreamId: registration.upstreamId } } as UpstreamInfo),
    register: unreachable,
    announce: () => Promise.reject(refusal),
    fileStatus: unreachable,
    putChunk: unreachable,
    complete: unreachable,
    status: () => Promise.resolve({ items: [], cursor: 'c0', more: false }),
    auditCheckpoints: unreachable,
  }
}

/**
 * A client that holds `heldAtAnnounce` bytes already and takes every chunk, then refuses to
 * complete (so no receipt is needed): what reaches `putChunk` is recorded.
 */
function chunkTakingClient(heldAtAnnounce: number) {
  const chunks: { offset: number; length: number }[] = []
  const client: UpstreamClient = {
    ...refusingClient(new UpstreamRequestError('http', 'retryable', 'x', 500, 'internal')),
    announce: (request) =>
      Promise.resolve({
        fileId: request.fileId,
        state: 'receiving',
        size: request.size,
        receivedOffset: heldAtAnnounce,
      }),
    putChunk: (fileId, offset, chunk) => {
      chunks.push({ offset, length: chunk.length })
      return Promise.resolve({ fileId, receivedOffset: offset + chunk.length })
    },
    complete: () =>
      Promise.reject(new UpstreamRequestError('http', 'retryable', 'Bận / Busy', 503, 'internal')),
  }
  return { client, chunks }
}

/** A sync service over an in-memory database, with one queued file whose body is on disk. */
function stationWithOneFile(
  refusal: UpstreamRequestError,
  options: {
    client?: UpstreamClient
    onProgress?: (p: SyncProgress) => void
    /** Sign an audit checkpoint every this many entries, shipped by each pass. */
    checkpointEvery?: number
    registration?: TerminalRegistration
  } = {},
) {
  const clock = { now: new Date('2026-03-01T08:00:00.000Z') }
  const db = databaseAtVersion()
  const dir = mkdtempSync(join(tmpdir(), 'sync-service-'))
  dirs.push(dir)
  const outbox = createOutbox(dir)
  const queue = createQueueRepository(db)
  const body = Buffer.from('encrypted body')
  outbox.write(FILE_ID, body)
  queue.insert({
    fileId: FILE_ID,
    sha256: createHash('sha256').update(body).digest('hex'),
    size: body.length,
    upstreamKeyId: 'e1',
    officerId: 'officer-1',
    simulated: true,
    submittedAt: clock.now.toISOString(),
  })
  const auditCheckpointer = options.checkpointEvery
    ? createAuditCheckpointer(db, {
        terminalId: registration.terminalId,
        key: auditTestKeys.terminal,
        settings: { checkpointEvery: options.checkpointEvery },
        now: () => clock.now,
      })
    : undefined
  const plainAudit = createAuditLog(db, () => clock.now)
  const audit = auditCheckpointer ? withCheckpoints(plainAudit, auditCheckpointer) : plainAudit
  const sync = createSyncService({
    db,
    queue,
    receipts: createReceiptRepository(db),
    syncState: createSyncStateRepository(db),
    audit,
    outbox,
    registration: () => options.registration ?? registration,
    client: () => options.client ?? refusingClient(refusal),
    settings: { ...DEFAULT_SYNC_SETTINGS, deadLetterAfter: 3, backoffBaseMs: 1000, chunkSize: 5 },
    now: () => clock.now,
    random: () => 0.5,
    log: silentLogger,
    ...(options.onProgress ? { onProgress: options.onProgress } : {}),
    ...(auditCheckpointer ? { auditCheckpointer } : {}),
  })
  return { sync, queue, clock, audit, bodySha256: createHash('sha256').update(body).digest('hex') }
}

describe('sync service: audit checkpoints', () => {
  it('ships them after the files, and an upstream without the route (404) breaks nothing', async () => {
    const refusal = new UpstreamRequestError(
      'http',
      'permanent',
      'Xung đột / Conflict',
      409,
      'file_conflict',
    )
    const asked: number[] = []
    const client: UpstreamClient = {
      ...refusingClient(refusal),
      auditCheckpoints: (request) => {
        asked.push(request.checkpoints.length)
        return Promise.reject(
          new UpstreamRequestError('http', 'permanent', 'not found', 404, 'not_found'),
        )
      },
    }
    const { sync, audit } = stationWithOneFile(refusal, { client, checkpointEvery: 1 })
    audit.append({ actor: 'system', action: 'test.step' })
    const pass = await sync.runPass()
    expect(pass).toMatchObject({ online: true, dead: 1, stoppedBecause: null })
    // One request, with both checkpoints: the step's and the dead-lettered file's entry.
    expect(asked).toEqual([2])
  })
})

describe('sync service: refusals', () => {
  it('dead-letters a file at once when the upstream refuses it permanently', async () => {
    const refusal = new UpstreamRequestError(
      'http',
      'permanent',
      'Tệp xung đột / File conflict',
      409,
      'file_conflict',
    )
    const { sync, queue } = stationWithOneFile(refusal)
    const pass = await sync.runPass()
    expect(pass).toMatchObject({ dead: 1, failed: 0, sent: 0 })
    const entry = queue.get(FILE_ID)
    expect(entry?.state).toBe('dead')
    expect(entry?.deadReason).toBe('Tệp xung đột / File conflict')
    expect(entry?.attempts).toBe(1)
  })

  it('backs a retryable refusal off and tries it again when it is due', async () => {
    const refusal = new UpstreamRequestError(
      'http',
      'retryable',
      'Máy chủ lỗi / Internal error',
      500,
      'internal',
    )
    const { sync, queue, clock } = stationWithOneFile(refusal)
    expect(await sync.runPass()).toMatchObject({ dead: 0, failed: 1 })
    const first = queue.get(FILE_ID)
    expect(first?.state).toBe('queued')
    // Equal jitter with random() = 0.5: three quarters of the 1000 ms base.
    expect(first?.nextAttemptAt).toBe('2026-03-01T08:00:00.750Z')
    expect((await sync.runPass()).failed).toBe(0)
    clock.now = new Date('2026-03-01T08:00:01.000Z')
    expect((await sync.runPass()).failed).toBe(1)
    expect(queue.get(FILE_ID)?.attempts).toBe(2)
  })
})

describe('sync service: upload progress', () => {
  const notReached = new UpstreamRequestError('http', 'permanent', 'x', 409, 'file_conflict')
  const BODY_SIZE = Buffer.byteLength('encrypted body')

  it('reports the bytes the upstream holds after each chunk, ids and counts only', async () => {
    const progress: SyncProgress[] = []
    const { client, chunks } = chunkTakingClient(0)
    const { sync } = stationWithOneFile(notReached, {
      client,
      onProgress: (p) => progress.push(p),
    })
    await sync.runPass()
    expect(chunks).toEqual([
      { offset: 0, length: 5 },
      { offset: 5, length: 5 },
      { offset: 10, length: 4 },
    ])
    expect(progress).toEqual(
      [0, 5, 10, BODY_SIZE].map((bytesSent) => ({
        fileId: FILE_ID,
        bytesSent,
        bytesTotal: BODY_SIZE,
      })),
    )
    // Exactly what the contract's event declares: nothing else rides along.
    for (const p of progress) expect(parse(SyncProgressEventSchema.strict(), p)).toEqual(p)
  })

  it('starts a resumed upload at what the upstream already holds', async () => {
    const progress: number[] = []
    const { client, chunks } = chunkTakingClient(10)
    const { sync } = stationWithOneFile(notReached, {
      client,
      onProgress: (p) => progress.push(p.bytesSent),
    })
    await sync.runPass()
    expect(chunks).toEqual([{ offset: 10, length: 4 }])
    expect(progress).toEqual([10, BODY_SIZE])
  })

  it('announces again and starts over from 0 when the upstream purged the unfinished upload', async () => {
    const taking = chunkTakingClient(0)
    const announced: number[] = []
    let purged = false
    const client: UpstreamClient = {
      ...taking.client,
      announce: (request) => {
        // The upstream held 10 bytes, then expired the upload before the next chunk came.
        const receivedOffset = announced.length === 0 ? 10 : 0
        announced.push(receivedOffset)
        return Promise.resolve({
          fileId: request.fileId,
          state: 'receiving',
          size: request.size,
          receivedOffset,
        })
      },
      putChunk: (fileId, offset, chunk) => {
        if (!purged) {
          purged = true
          return Promise.reject(
            new UpstreamRequestError(
              'http',
              'retryable',
              'Chưa báo / Not announced',
              404,
              'unknown_file',
            ),
          )
        }
        return taking.client.putChunk(fileId, offset, chunk)
      },
    }
    const { sync, queue } = stationWithOneFile(notReached, { client })
    await sync.runPass()
    expect(announced).toEqual([10, 0])
    expect(taking.chunks.map((c) => c.offset)).toEqual([0, 5, 10])
    // Only complete's 503 counts as a failed attempt.
    expect(queue.get(FILE_ID)?.attempts).toBe(1)
  })

  it('reports nothing when the upstream refuses the announce', async () => {
    const progress: SyncProgress[] = []
    const { sync } = stationWithOneFile(notReached, {
      onProgress: (p) => progress.push(p),
    })
    await sync.runPass()
    expect(progress).toEqual([])
  })
})

describe('sync service: the upstream rate limit', () => {
  const rateLimited = () =>
    new UpstreamRequestError(
      'http',
      'retryable',
      'Quá nhiều yêu cầu / Too many requests',
      429,
      'rate_limited',
      undefined,
      30_000,
    )

  /** Answers 429 to the first announce, then takes the chunks (and refuses complete, 503). */
  function limitedOnce() {
    const taking = chunkTakingClient(0)
    let announces = 0
    const client: UpstreamClient = {
      ...taking.client,
      announce: (request) => {
        announces++
        return announces === 1 ? Promise.reject(rateLimited()) : taking.client.announce(request)
      },
    }
    return { client, chunks: taking.chunks, announces: () => announces }
  }

  it('waits Retry-After, then goes on, without counting a failure of the file', async () => {
    const limited = limitedOnce()
    const { sync, queue, clock } = stationWithOneFile(rateLimited(), { client: limited.client })
    const first = await sync.runPass()
    expect(first).toMatchObject({ online: true, failed: 0, dead: 0, retryAfterMs: 30_000 })
    expect(first.stoppedBecause).toMatch(/Too many requests/)
    expect(queue.get(FILE_ID)).toMatchObject({ state: 'queued', attempts: 0, lastError: null })

    // Still inside the wait: nothing is sent.
    clock.now = new Date(clock.now.getTime() + 29_000)
    const waiting = await sync.runPass()
    expect(waiting).toMatchObject({ retryAfterMs: 1000 })
    expect(waiting.stoppedBecause).toMatch(/1 s/)
    expect(limited.announces()).toBe(1)

    clock.now = new Date(clock.now.getTime() + 1000)
    await sync.runPass()
    expect(limited.announces()).toBe(2)
    expect(limited.chunks.map((c) => c.offset)).toEqual([0, 5, 10])
  })

  it('sleeps the Retry-After between passes of runUntilEmpty', async () => {
    const limited = limitedOnce()
    const { sync, clock } = stationWithOneFile(rateLimited(), { client: limited.client })
    const slept: number[] = []
    await sync.runUntilEmpty({
      sleep: (ms) => {
        slept.push(ms)
        clock.now = new Date(clock.now.getTime() + ms)
        return Promise.resolve()
      },
      shouldStop: () => slept.length >= 2,
    })
    expect(slept[0]).toBe(30_000)
    expect(limited.announces()).toBe(2)
  })
})

/** Takes every chunk; `onLast` answers a chunk sent with complete=1 (a receipt, or a refusal). */
function lastChunkClient(onLast: 'refuse' | ((fileId: string, size: number) => Receipt)) {
  const calls: string[] = []
  const client: UpstreamClient = {
    ...chunkTakingClient(0).client,
    putChunk: (fileId, offset, chunk, complete = false) => {
      calls.push(`chunk ${offset}${complete ? ' complete' : ''}`)
      const receivedOffset = offset + chunk.length
      if (!complete) return Promise.resolve({ fileId, receivedOffset })
      if (onLast === 'refuse')
        return Promise.reject(
          new UpstreamRequestError('http', 'permanent', 'query', 400, 'bad_request'),
        )
      return Promise.resolve({ fileId, receivedOffset, receipt: onLast(fileId, receivedOffset) })
    },
    complete: () => {
      calls.push('complete')
      return Promise.reject(new UpstreamRequestError('http', 'retryable', 'Busy', 503, 'internal'))
    },
  }
  return { client, calls }
}

describe('sync service: the last chunk completes the file', () => {
  it('takes the verified receipt from the last chunk’s answer and sends no complete', async () => {
    const upstream = generateKeyPairSync('ed25519')
    const signed = { ...registration, signingPublicKey: publicKeyToBase64(upstream.publicKey) }
    let sha256 = ''
    const { client, calls } = lastChunkClient((fileId, size) =>
      signReceipt(
        { fileId, sha256, size, terminalId: registration.terminalId, receivedAt: 't1' },
        upstream.privateKey,
        'u1',
      ),
    )
    const station = stationWithOneFile(new UpstreamRequestError('http', 'retryable', 'x'), {
      client,
      registration: signed,
    })
    sha256 = station.bodySha256
    expect(await station.sync.runPass()).toMatchObject({ sent: 1, failed: 0, dead: 0 })
    // chunkSize 5 over a 14-byte body.
    expect(calls).toEqual(['chunk 0', 'chunk 5', 'chunk 10 complete'])
    expect(station.queue.get(FILE_ID)?.state).toBe('sent')
  })

  it('completes on its own with an upstream that refuses complete=1, and stops asking it', async () => {
    const { client, calls } = lastChunkClient('refuse')
    const station = stationWithOneFile(new UpstreamRequestError('http', 'retryable', 'x'), {
      client,
    })
    expect(await station.sync.runPass()).toMatchObject({ sent: 0, failed: 1 })
    expect(calls.splice(0)).toEqual([
      'chunk 0',
      'chunk 5',
      'chunk 10 complete',
      'chunk 10',
      'complete',
    ])
    station.clock.now = new Date('2026-03-01T08:00:01.000Z')
    await station.sync.runPass()
    expect(calls).toEqual(['chunk 0', 'chunk 5', 'chunk 10', 'complete'])
  })
})
