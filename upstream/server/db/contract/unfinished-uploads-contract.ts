import { describe, expect, it } from 'vitest'
import type { BodyStore } from '../../intake/body-store'
import type { AsyncRepository } from '../async-repository'
import type { UnfinishedUploads } from '../unfinished-uploads'
import type { BackendUnderTest } from './backend-under-test'
import { terminal } from './registry-contract'

/** A database backend's files, chunks and unfinished uploads, as the contract tests see them. */
export interface UnfinishedUploadsUnderTest extends Pick<BackendUnderTest, 'terminals' | 'files'> {
  unfinished: AsyncRepository<UnfinishedUploads>
  bodies: AsyncRepository<BodyStore>
}

const fileId = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`

async function announce(
  backend: UnfinishedUploadsUnderTest,
  n: number,
  f: { terminalId?: string; size: number; at: string },
) {
  const id = fileId(n)
  await backend.files.announce({
    fileId: id,
    terminalId: f.terminalId ?? 'T-1',
    sha256: 'c'.repeat(64),
    size: f.size,
    source: 'upload',
    at: f.at,
  })
  return id
}

/** What every database backend's unfinished uploads must answer alike. */
export function unfinishedUploadsContract(open: () => Promise<UnfinishedUploadsUnderTest>) {
  describe('unfinished uploads', () => {
    it('counts a terminal’s receiving files announced since a time, and their bytes', async () => {
      const backend = await open()
      await backend.terminals.upsert(terminal('T-1'))
      await backend.terminals.upsert(terminal('T-2'))
      expect(await backend.unfinished.held('T-1', '2026-12-01T00:00:00.000Z')).toEqual({
        files: 0,
        bytes: 0,
      })
      await announce(backend, 1, { size: 100, at: '2026-12-01T08:00:00.000Z' })
      await announce(backend, 2, { size: 250, at: '2026-12-01T09:00:00.000Z' })
      await announce(backend, 3, { size: 7, at: '2026-11-30T23:59:59.999Z' })
      await announce(backend, 4, { terminalId: 'T-2', size: 9, at: '2026-12-01T09:00:00.000Z' })
      const received = await announce(backend, 5, { size: 40, at: '2026-12-01T09:30:00.000Z' })
      await backend.files.markReceived(received, {
        receipt: {
          fileId: received,
          sha256: 'c'.repeat(64),
          size: 40,
          terminalId: 'T-1',
          receivedAt: '2026-12-01T09:31:00.000Z',
          keyId: 'e'.repeat(32),
          signature: 'cw',
        },
        simulated: true,
        chip: {
          verdict: 'not-checked',
          reason: 'x',
          failedCheck: null,
          dataGroups: [],
          documentSigner: null,
          csca: null,
          checkedAt: null,
        },
        at: '2026-12-01T09:31:00.000Z',
      })
      expect(await backend.unfinished.held('T-1', '2026-12-01T00:00:00.000Z')).toEqual({
        files: 2,
        bytes: 350,
      })
      expect(await backend.unfinished.held('T-1', '2026-12-01T09:00:00.000Z')).toEqual({
        files: 1,
        bytes: 250,
      })
    })

    it('purges receiving files announced before the cutoff, with their chunks, and names them', async () => {
      const backend = await open()
      await backend.terminals.upsert(terminal('T-1'))
      const stale = await announce(backend, 1, { size: 100, at: '2026-12-01T08:00:00.000Z' })
      const staleToo = await announce(backend, 2, { size: 100, at: '2026-12-01T08:30:00.000Z' })
      const fresh = await announce(backend, 3, { size: 100, at: '2026-12-01T09:00:00.000Z' })
      await backend.bodies.write(stale, 0, Buffer.from('stale'))
      await backend.bodies.write(fresh, 0, Buffer.from('fresh'))
      const purged = await backend.unfinished.purge('2026-12-01T09:00:00.000Z')
      expect([...purged].sort()).toEqual([stale, staleToo])
      expect(await backend.files.get(stale)).toBeUndefined()
      expect(await backend.files.get(fresh)).toMatchObject({ state: 'receiving' })
      expect(await backend.bodies.size(stale)).toBe(0)
      expect((await backend.bodies.read(fresh)).toString()).toBe('fresh')
      expect(await backend.unfinished.purge('2026-12-01T09:00:00.000Z')).toEqual([])
    })
  })
}
