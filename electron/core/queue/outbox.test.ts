import { existsSync, mkdtempSync, readdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs'
import { createHash } from 'node:crypto'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { createOutbox, OutboxError } from './outbox'

const dirs: string[] = []
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true })
})
function outbox() {
  const dir = mkdtempSync(join(tmpdir(), 'outbox-'))
  dirs.push(dir)
  return createOutbox(join(dir, 'outbox'))
}

describe('outbox', () => {
  it('writes bodies whole and reads any range back', () => {
    const box = outbox()
    const body = Buffer.from(Array.from({ length: 1000 }, (_, i) => i % 251))
    box.write('f1', body)
    expect(readdirSync(box.dir)).toEqual(['f1.kpkt'])
    expect(box.read('f1', 0, 1000).equals(body)).toBe(true)
    expect(box.read('f1', 990, 10).equals(body.subarray(990))).toBe(true)
    expect(() => box.read('f1', 995, 10)).toThrow(OutboxError)
    expect(() => box.read('missing', 0, 1)).toThrow(OutboxError)
    expect(box.digest('f1')).toEqual({
      sha256: createHash('sha256').update(body).digest('hex'),
      size: 1000,
    })
    expect(box.digest('missing')).toBeNull()
    expect(box.remove('f1')).toBe(true)
    expect(box.remove('f1')).toBe(false)
  })

  it('sweeps old bodies without a queue row and old temp files, never a queued one', () => {
    const box = outbox()
    box.write('queued', Buffer.from('a'))
    box.write('orphan', Buffer.from('b'))
    box.write('young-orphan', Buffer.from('c'))
    writeFileSync(join(box.dir, 'half.kpkt.tmp'), 'partial')
    writeFileSync(join(box.dir, 'notes.txt'), 'not ours')
    const old = new Date(Date.now() - 3_600_000)
    for (const name of ['queued.kpkt', 'orphan.kpkt', 'half.kpkt.tmp', 'notes.txt'])
      utimesSync(join(box.dir, name), old, old)
    const removed = box.sweep((id) => id === 'queued', Date.now(), 600_000)
    expect(removed).toEqual(['orphan'])
    expect(readdirSync(box.dir).sort()).toEqual(['notes.txt', 'queued.kpkt', 'young-orphan.kpkt'])
    expect(existsSync(box.pathOf('queued'))).toBe(true)
  })
})
