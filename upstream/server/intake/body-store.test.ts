import { createHash } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { createBodyStore } from './body-store'

const ID = '55555555-5555-4555-8555-555555555555'
const dirs: string[] = []
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })))

function store() {
  const dir = mkdtempSync(join(tmpdir(), 'bodies-'))
  dirs.push(dir)
  return createBodyStore(dir)
}

describe('body store', () => {
  it('writes chunks at offsets and cuts stale bytes past the last write', () => {
    const bodies = store()
    expect(bodies.size(ID)).toBe(0)
    bodies.write(ID, 0, Buffer.from('hello '))
    bodies.write(ID, 6, Buffer.from('world, and more'))
    expect(bodies.read(ID).toString()).toBe('hello world, and more')
    // A resend from an earlier offset replaces what followed.
    bodies.write(ID, 6, Buffer.from('there'))
    expect(bodies.read(ID).toString()).toBe('hello there')
    expect(bodies.size(ID)).toBe(11)
    expect(bodies.sha256(ID)).toBe(createHash('sha256').update('hello there').digest('hex'))
    bodies.remove(ID)
    expect(bodies.size(ID)).toBe(0)
  })

  it('refuses anything that is not a file id as a name', () => {
    const bodies = store()
    expect(() => bodies.write('../escape', 0, Buffer.from('x'))).toThrow(/not a file id/)
    expect(() => bodies.read('../../etc/passwd')).toThrow(/not a file id/)
  })
})
