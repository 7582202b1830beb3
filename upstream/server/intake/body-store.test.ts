import { describe, expect, it } from 'vitest'
import { upstreamDatabaseAtVersion } from '../db/test-helpers'
import { createBodyStore } from './body-store'

const ID = '55555555-5555-4555-8555-555555555555'

function store() {
  const db = upstreamDatabaseAtVersion()
  db.prepare("INSERT INTO terminals VALUES ('T-1', 'key', ?, 'ed25519', 't0')").run('k'.repeat(32))
  db.prepare(
    `INSERT INTO files (file_id, terminal_id, sha256, size, state, source, announced_at)
     VALUES (?, 'T-1', ?, 100, 'receiving', 'upload', 't0')`,
  ).run(ID, 'a'.repeat(64))
  return createBodyStore(db)
}

describe('body store', () => {
  it('appends chunks and reads them back in order', () => {
    const bodies = store()
    expect(bodies.size(ID)).toBe(0)
    expect(bodies.read(ID)).toEqual(Buffer.alloc(0))
    bodies.write(ID, 0, Buffer.from('hello '))
    bodies.write(ID, 6, Buffer.from('world, and more'))
    expect(bodies.read(ID).toString()).toBe('hello world, and more')
    expect(bodies.size(ID)).toBe(21)
  })

  it('replaces whatever followed a rewritten offset, cutting a chunk it lands inside', () => {
    const bodies = store()
    bodies.write(ID, 0, Buffer.from('hello '))
    bodies.write(ID, 6, Buffer.from('world, and more'))
    bodies.write(ID, 6, Buffer.from('there'))
    expect(bodies.read(ID).toString()).toBe('hello there')
    bodies.write(ID, 3, Buffer.from('p!'))
    expect(bodies.read(ID).toString()).toBe('help!')
    bodies.write(ID, 0, Buffer.alloc(0))
    expect(bodies.size(ID)).toBe(0)
  })

  it('removes a body', () => {
    const bodies = store()
    bodies.write(ID, 0, Buffer.from('x'))
    bodies.remove(ID)
    expect(bodies.size(ID)).toBe(0)
  })
})
