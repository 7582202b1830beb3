import { describe, expect, it } from 'vitest'
import { seededRandom } from '../../../protocol/packet/test-fixtures'
import { createInviteRepository, formatInviteCode, normalizeInviteCode } from './invites'
import { upstreamDatabaseAtVersion } from './test-helpers'

const t0 = new Date('2026-11-26T08:00:00.000Z')
const later = (ms: number) => new Date(t0.getTime() + ms)

describe('invite codes', () => {
  it('formats 16 unambiguous characters in four groups and reads them back loosely', () => {
    const code = formatInviteCode(Buffer.from(Array.from({ length: 16 }, (_, i) => i * 17)))
    expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}$/)
    expect(normalizeInviteCode(` ${code.toLowerCase().replace(/-/g, ' ')} `)).toBe(
      code.replace(/-/g, ''),
    )
  })

  it('stores only a hash, opens once, and expires', () => {
    const db = upstreamDatabaseAtVersion()
    const invites = createInviteRepository(db)
    const random = seededRandom('invites')
    const code = invites.create({ now: t0, randomBytes: random, ttlMs: 60_000 })
    expect(JSON.stringify(db.prepare('SELECT * FROM invites').all())).not.toContain(
      code.replace(/-/g, ''),
    )
    expect(invites.lookup(code.toLowerCase(), t0)).toEqual({ status: 'open' })
    expect(invites.lookup('0000-0000-0000-0000', t0)).toEqual({ status: 'unknown' })
    expect(invites.lookup(code, later(60_000))).toEqual({ status: 'expired' })
    expect(invites.use(code, 'T-1', 'k'.repeat(32), later(60_000))).toBe(false)
    expect(invites.use(code, 'T-1', 'k'.repeat(32), later(1000))).toBe(true)
    expect(invites.use(code, 'T-2', 'j'.repeat(32), later(2000))).toBe(false)
    expect(invites.lookup(code, later(3000))).toEqual({
      status: 'used',
      terminalId: 'T-1',
      keyId: 'k'.repeat(32),
    })
    const other = invites.create({ now: t0, randomBytes: random })
    expect(other).not.toBe(code)
  })
})
