import { describe, expect, it } from 'vitest'
import { upstreamDatabaseAtVersion } from '../test-helpers'

describe('upstream migration 001: terminals and invites', () => {
  it('creates both tables and enforces their checks', () => {
    const db = upstreamDatabaseAtVersion(1)
    const invite = db.prepare(
      'INSERT INTO invites (code_hash, created_at, expires_at, used_by, used_at) VALUES (?, ?, ?, ?, ?)',
    )
    invite.run('a'.repeat(64), 't0', 't1', null, null)
    expect(() => invite.run('short', 't0', 't1', null, null)).toThrow(/CHECK/)
    expect(() => invite.run('b'.repeat(64), 't0', 't1', 'T-1', null)).toThrow(/CHECK/)
    const terminal = db.prepare('INSERT INTO terminals VALUES (?, ?, ?, ?, ?)')
    terminal.run('T-1', 'key', 'k'.repeat(32), 'ed25519', 't0')
    expect(() => terminal.run('T-2', 'key', 'k'.repeat(32), 'rsa', 't0')).toThrow(/CHECK/)
    expect(() => terminal.run('T-1', 'key', 'k'.repeat(32), 'p256', 't0')).toThrow(/UNIQUE/)
    expect(() => terminal.run('', 'key', 'k'.repeat(32), 'p256', 't0')).toThrow(/CHECK/)
  })
})
