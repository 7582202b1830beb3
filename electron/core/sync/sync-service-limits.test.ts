import { generateKeyPairSync } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { publicKeyToBase64, signReceipt, type Receipt } from '../../../protocol'
import type { UpstreamClient } from './client'
import {
  chunkTakingClient,
  FILE_ID,
  registration,
  stationWithOneFile,
} from './sync-service-test-support'
import { UpstreamRequestError } from './upstream-error'

// The sync service against an upstream that limits requests and one that completes a file on its
// last chunk (and an older one that refuses to).
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
