import { describe, expect, it } from 'vitest'
import type { TerminalRecord } from '../terminals'
import type { BackendUnderTest } from './backend-under-test'

export const terminal = (id: string, keyId = 'k'.repeat(32)): TerminalRecord => ({
  terminalId: id,
  publicKey: 'cHVibGlj',
  keyId,
  keyType: 'ed25519',
  registeredAt: '2026-12-01T08:00:00.000Z',
})

const day = 24 * 60 * 60 * 1000
const at = (ms: number) => new Date(Date.UTC(2026, 11, 1) + ms)
let counter = 0
/** Distinct bytes per call: each invite a new code. */
const randomBytes = (n: number) => Buffer.alloc(n, ++counter)

/** What every backend's terminals, invites and nonces must answer alike. */
export function registryContract(open: () => Promise<BackendUnderTest>): void {
  describe('terminals', () => {
    it('stores a terminal and replaces its key on re-registration', async () => {
      const { terminals } = await open()
      expect(await terminals.get('T-1')).toBeUndefined()
      await terminals.upsert(terminal('T-1'))
      expect(await terminals.get('T-1')).toEqual(terminal('T-1'))
      await terminals.upsert(terminal('T-1', 'a'.repeat(32)))
      expect((await terminals.get('T-1'))?.keyId).toBe('a'.repeat(32))
    })
  })

  describe('invites', () => {
    it('opens, uses once, then reports who used it', async () => {
      const { invites } = await open()
      const code = await invites.create({ now: at(0), randomBytes })
      expect(await invites.lookup(code.toLowerCase(), at(1))).toEqual({ status: 'open' })
      expect(await invites.use(code, 'T-1', 'k'.repeat(32), at(2))).toBe(true)
      expect(await invites.use(code, 'T-2', 'k'.repeat(32), at(3))).toBe(false)
      expect(await invites.lookup(code, at(4))).toEqual({
        status: 'used',
        terminalId: 'T-1',
        keyId: 'k'.repeat(32),
      })
      expect(await invites.lookup('0000-0000-0000-0000', at(4))).toEqual({ status: 'unknown' })
    })

    it('expires after its lifetime and can no longer be used', async () => {
      const { invites } = await open()
      const code = await invites.create({ now: at(0), randomBytes, ttlMs: day })
      expect(await invites.lookup(code, at(day - 1))).toEqual({ status: 'open' })
      expect(await invites.lookup(code, at(day))).toEqual({ status: 'expired' })
      expect(await invites.use(code, 'T-1', 'k'.repeat(32), at(day))).toBe(false)
    })
  })

  describe('nonces', () => {
    it('refuses a replay per terminal and forgets expired nonces', async () => {
      const { nonces } = await open()
      expect(await nonces.remember('T-1', 'n1', 1_000, 0)).toBe(true)
      expect(await nonces.remember('T-1', 'n1', 1_000, 10)).toBe(false)
      expect(await nonces.remember('T-2', 'n1', 1_000, 10)).toBe(true)
      expect(await nonces.size()).toBe(2)
      // A minute later the purge runs: both expired, only the new one stays.
      expect(await nonces.remember('T-1', 'n2', 200_000, 100_000)).toBe(true)
      expect(await nonces.size()).toBe(1)
    })
  })
}
