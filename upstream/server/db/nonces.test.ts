import { describe, expect, it } from 'vitest'
import { createNonceStore } from './nonces'
import { upstreamDatabaseAtVersion } from './test-helpers'

describe('nonce store', () => {
  it('accepts a nonce once per terminal', () => {
    const nonces = createNonceStore(upstreamDatabaseAtVersion())
    expect(nonces.remember('T-1', 'n', 1000, 0)).toBe(true)
    expect(nonces.remember('T-1', 'n', 1000, 10)).toBe(false)
    expect(nonces.remember('T-2', 'n', 1000, 10)).toBe(true)
  })

  it('purges expired nonces, at most once per interval', () => {
    const nonces = createNonceStore(upstreamDatabaseAtVersion(), 100)
    nonces.remember('T-1', 'a', 50, 0)
    nonces.remember('T-1', 'b', 500, 10)
    expect(nonces.size()).toBe(2)
    nonces.remember('T-1', 'c', 500, 60)
    expect(nonces.size()).toBe(3)
    nonces.remember('T-1', 'd', 500, 101)
    expect(nonces.size()).toBe(3)
    expect(nonces.remember('T-1', 'b', 500, 120)).toBe(false)
  })
})
