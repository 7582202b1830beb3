import { createHash } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach } from 'vitest'
import type { SyncProgress } from '../../contract'
import type { UpstreamInfo } from '../../../protocol'
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

// The sync service tests' station: one queued file and clients that refuse or take chunks.
export const FILE_ID = '6f1c2a9e-3b7d-4c5e-9a81-0d2f4b6c8e10'
const dirs: string[] = []
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true })
})

export const registration: TerminalRegistration = {
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
export function refusingClient(refusal: UpstreamRequestError): UpstreamClient {
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
export function chunkTakingClient(heldAtAnnounce: number) {
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
export function stationWithOneFile(
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
