import { expect, it } from 'vitest'
import type { UpstreamStore } from '../store'
import { terminal } from './registry-contract'

const NOW = 1_800_000_000_000

/** What `transaction` must mean on every backend, on a fresh, migrated store from `open`. */
export function storeContract(open: () => Promise<UpstreamStore>): void {
  it('keeps all of a transaction that resolves, and nothing of one that throws', async () => {
    const store = await open()
    await store.transaction(async (repos) => {
      await repos.terminals.upsert(terminal('T-1'))
      await repos.nonces.remember('T-1', 'kept', NOW + 60_000, NOW)
    })
    const failure = store.transaction(async (repos) => {
      await repos.terminals.upsert(terminal('T-2'))
      await repos.nonces.remember('T-1', 'rolled-back', NOW + 60_000, NOW)
      throw new Error('refused halfway')
    })
    await expect(failure).rejects.toThrow('refused halfway')
    expect(await store.repos.terminals.get('T-1')).toBeDefined()
    expect(await store.repos.terminals.get('T-2')).toBeUndefined()
    expect(await store.repos.nonces.remember('T-1', 'kept', NOW + 60_000, NOW)).toBe(false)
    expect(await store.repos.nonces.remember('T-1', 'rolled-back', NOW + 60_000, NOW)).toBe(true)
  })

  it('keeps a write made outside a transaction while that transaction is open and then fails', async () => {
    const store = await open()
    let release = () => {}
    const paused = new Promise<void>((resolve) => (release = resolve))
    let entered = () => {}
    const inside = new Promise<void>((resolve) => (entered = resolve))
    const failing = store.transaction(async (repos) => {
      await repos.terminals.upsert(terminal('T-inside'))
      entered()
      // Real waiting inside the transaction (I/O, another process's lock).
      await paused
      throw new Error('refused after waiting')
    })
    await inside
    const outside = store.repos.terminals.upsert(terminal('T-outside'))
    release()
    await expect(failing).rejects.toThrow('refused after waiting')
    await outside
    expect(await store.repos.terminals.get('T-inside')).toBeUndefined()
    expect(await store.repos.terminals.get('T-outside')).toBeDefined()
  })

  it('commits `durably` like a transaction, and answers once it is on disk', async () => {
    const store = await open()
    const answer = await store.durably(async (repos) => {
      await repos.terminals.upsert(terminal('T-1'))
      return 'receipt'
    })
    expect(answer).toBe('receipt')
    expect(await store.repos.terminals.get('T-1')).toBeDefined()
    await store.onDiskSince(store.durabilityMark())
  })
}
