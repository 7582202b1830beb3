import { describe, expect, it } from 'vitest'
import { SyncProgressEventSchema, type SyncProgress } from '../../contract'
import { parse } from '../../../lib/schema'
import type { UpstreamClient } from './client'
import {
  chunkTakingClient,
  FILE_ID,
  refusingClient,
  stationWithOneFile,
} from './sync-service-test-support'
import { UpstreamRequestError } from './upstream-error'

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
