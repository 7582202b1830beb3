import { describe, expect, it } from 'vitest'
import type { Receipt } from '../../../../protocol'
import type { ChipVerification } from '../../intake/chip-verification'
import type { BackendUnderTest } from './backend-under-test'
import { terminal } from './registry-contract'

const sha = 'c'.repeat(64)
const fileId = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`
const receiptOf = (id: string, receivedAt: string): Receipt => ({
  fileId: id,
  sha256: sha,
  size: 100,
  terminalId: 'T-1',
  receivedAt,
  keyId: 'e'.repeat(32),
  signature: 'c2lnbmVk',
})
const chip: ChipVerification = {
  verdict: 'untrusted',
  reason: 'no CSCA',
  failedCheck: 'chain',
  dataGroups: [{ number: 1, status: 'valid' }],
  documentSigner: null,
  csca: null,
  checkedAt: '2026-12-01T08:00:00.000Z',
}

/** T-1 announces a 100-byte file. */
function announce(backend: BackendUnderTest, id: string, source: 'upload' | 'import') {
  return backend.files.announce({
    fileId: id,
    terminalId: 'T-1',
    sha256: sha,
    size: 100,
    source,
    at: 't0',
  })
}

async function receivedFile(backend: BackendUnderTest, n: number, receivedAt: string) {
  const id = fileId(n)
  await announce(backend, id, 'upload')
  await backend.files.markReceived(id, {
    receipt: receiptOf(id, receivedAt),
    simulated: n % 2 === 0,
    chip,
    at: receivedAt,
  })
  return id
}

async function uploadToReceipt(backend: BackendUnderTest) {
  await backend.terminals.upsert(terminal('T-1'))
  const id = fileId(1)
  await announce(backend, id, 'upload')
  expect(await backend.files.get(id)).toMatchObject({
    state: 'receiving',
    receivedOffset: 0,
    chip: null,
    receipt: null,
    simulated: null,
  })
  await backend.files.setReceivedOffset(id, 60)
  // A second announce of the same id (a parallel request) changes nothing.
  await announce(backend, id, 'import')
  expect(await backend.files.get(id)).toMatchObject({ receivedOffset: 60, source: 'upload' })
  const receipt = receiptOf(id, '2026-12-01T09:00:00.000Z')
  await backend.files.markReceived(id, {
    receipt,
    simulated: true,
    chip,
    at: receipt.receivedAt,
  })
  expect(await backend.files.get(id)).toMatchObject({
    state: 'received',
    receivedOffset: 100,
    receipt,
    chip,
    simulated: true,
    size: 100,
  })
  expect(await backend.files.markReceived(id, { receipt, simulated: true, chip, at: 't2' })).toBe(
    false,
  )
  await backend.files.setReceivedOffset(id, 10)
  expect((await backend.files.get(id))?.receivedOffset).toBe(100)
}

async function reviewOnce(backend: BackendUnderTest) {
  await backend.terminals.upsert(terminal('T-1'))
  const a = await receivedFile(backend, 1, '2026-12-01T09:00:00.000Z')
  const b = await receivedFile(backend, 2, '2026-12-01T09:01:00.000Z')
  const reviewer = { id: 'r1', name: 'Lê Thị Hoa', role: 'senior' as const }
  const review = { state: 'approved' as const, reason: null, reviewer, at: 't3' }
  expect(await backend.files.markReviewed(a, review)).toBe(true)
  expect(await backend.files.markReviewed(a, { ...review, state: 'rejected', reason: 'x' })).toBe(
    false,
  )
  expect(
    await backend.files.markReviewed(b, { ...review, state: 'rejected', reason: 'blurred' }),
  ).toBe(true)
  await backend.files.countDuplicate(a)
  await backend.files.countDuplicate(a)
  await backend.files.forgetUpload(a)
  const c = fileId(3)
  await announce(backend, c, 'import')
  await backend.files.forgetUpload(c)
  expect(await backend.files.get(c)).toBeUndefined()
  expect(await backend.files.get(a)).toMatchObject({
    state: 'approved',
    reviewer: 'r1',
    duplicates: 2,
  })
  expect(await backend.files.get(b)).toMatchObject({ state: 'rejected', reason: 'blurred' })
  expect(await backend.files.stats()).toEqual({
    received: 2,
    approved: 1,
    rejected: 1,
    duplicates: 2,
  })
}

async function reviewPages(backend: BackendUnderTest) {
  await backend.terminals.upsert(terminal('T-1'))
  // Two at the same second: the file id breaks the tie.
  const ids = [
    await receivedFile(backend, 5, '2026-12-01T09:00:00.000Z'),
    await receivedFile(backend, 3, '2026-12-01T09:00:01.000Z'),
    await receivedFile(backend, 4, '2026-12-01T09:00:01.000Z'),
  ]
  const first = await backend.files.listForReview({ state: 'received', limit: 2 })
  expect(first.map((f) => f.fileId)).toEqual(ids.slice(0, 2))
  const last = first[1]
  const next = await backend.files.listForReview({
    state: 'received',
    limit: 2,
    after: { receivedAt: last?.receivedAt ?? '', fileId: last?.fileId ?? '' },
  })
  expect(next.map((f) => f.fileId)).toEqual(ids.slice(2))
  expect(await backend.files.listForReview({ state: 'approved', limit: 2 })).toEqual([])
}

async function statusFeed(backend: BackendUnderTest) {
  await backend.terminals.upsert(terminal('T-1'))
  const a = await receivedFile(backend, 1, '2026-12-01T09:00:00.000Z')
  const seqs = [
    await backend.statusEvents.append({
      terminalId: 'T-1',
      fileId: a,
      state: 'received',
      reason: null,
      at: 't1',
    }),
    await backend.statusEvents.append({
      terminalId: 'T-2',
      fileId: a,
      state: 'received',
      reason: null,
      at: 't1',
    }),
    await backend.statusEvents.append({
      terminalId: 'T-1',
      fileId: a,
      state: 'rejected',
      reason: 'blurred',
      at: 't2',
    }),
  ]
  expect([...seqs].sort((x, y) => x - y)).toEqual(seqs)
  expect(new Set(seqs).size).toBe(3)
  const first = await backend.statusEvents.page('T-1', 0, 1)
  expect(first).toEqual({
    items: [{ fileId: a, state: 'received', at: 't1' }],
    lastSeq: seqs[0],
    more: true,
  })
  const rest = await backend.statusEvents.page('T-1', first.lastSeq, 10)
  expect(rest).toEqual({
    items: [{ fileId: a, state: 'rejected', reason: 'blurred', at: 't2' }],
    lastSeq: seqs[2],
    more: false,
  })
  expect(await backend.statusEvents.page('T-1', rest.lastSeq, 10)).toEqual({
    items: [],
    lastSeq: seqs[2],
    more: false,
  })
}

/** What every backend's file repository and status feed must answer alike. */
export function fileContract(open: () => Promise<BackendUnderTest>): void {
  describe('files', () => {
    it('tracks an upload from announce to receipt, once', async () => uploadToReceipt(await open()))
    it('reviews a received file once, counts duplicates, and forgets only unfinished uploads', async () =>
      reviewOnce(await open()))
    it('lists files for review by time of receipt, page after page', async () =>
      reviewPages(await open()))
  })
  describe('status events', () => {
    it('pages a terminal’s feed in order after a cursor', async () => statusFeed(await open()))
  })
}
