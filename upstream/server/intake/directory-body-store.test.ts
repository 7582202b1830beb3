import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { allowedDuring, writePlan } from '../db/contract/concurrent-reads'
import { bodyStoreContract } from '../db/contract/body-store-contract'
import { nextFileId } from '../db/contract/file-ids'
import { createDirectoryBodyStore } from './directory-body-store'

const root = mkdtempSync(join(tmpdir(), 'kiosk-bodies-'))
afterAll(() => rmSync(root, { recursive: true, force: true }))
let opened = 0
const freshDir = () => join(root, `store-${++opened}`)

describe('bodies in a directory', () => {
  bodyStoreContract(async () => ({
    bodies: createDirectoryBodyStore(freshDir()),
    newFile: async () => nextFileId(),
  }))

  it('keeps each body in a file of its own, 0600 in a 0700 directory', async () => {
    const dir = freshDir()
    const bodies = createDirectoryBodyStore(dir)
    const id = nextFileId()
    await bodies.write(id, 0, Buffer.from('body'))
    expect(statSync(dir).mode & 0o777).toBe(0o700)
    expect(statSync(join(dir, `${id}.body`)).mode & 0o777).toBe(0o600)
    await bodies.remove(id)
    expect(readdirSync(dir)).toEqual([])
  })

  it('refuses a file id that is not a UUID, so no path leaves the directory', async () => {
    const bodies = createDirectoryBodyStore(freshDir())
    for (const id of ['../escape', 'a/b', '', '00000000-0000-4000-9000-00000000000/'])
      for (const call of [
        () => bodies.write(id, 0, Buffer.from('x')),
        () => bodies.size(id),
        () => bodies.read(id),
        () => bodies.remove(id),
      ])
        await expect(call()).rejects.toThrow(/not a UUID/)
    expect(readdirSync(root).includes('escape')).toBe(false)
  })

  it('refuses a write past the end of the body (it would leave a hole)', async () => {
    const bodies = createDirectoryBodyStore(freshDir())
    const id = nextFileId()
    await bodies.write(id, 0, Buffer.from('abc'))
    await expect(bodies.write(id, 4, Buffer.from('x'))).rejects.toThrow(/past the end/)
    expect((await bodies.read(id)).toString()).toBe('abc')
  })

  it('appends in place, and replaces the file whole when a write drops bytes', async () => {
    const dir = freshDir()
    const bodies = createDirectoryBodyStore(dir)
    const id = nextFileId()
    const path = join(dir, `${id}.body`)
    await bodies.write(id, 0, Buffer.from('hello '))
    const first = statSync(path).ino
    await bodies.write(id, 6, Buffer.from('world'))
    expect(statSync(path).ino).toBe(first)
    await bodies.write(id, 5, Buffer.from('!'))
    // A reader that opened the old file keeps reading it whole; new readers see the new one.
    expect(statSync(path).ino).not.toBe(first)
    expect((await bodies.read(id)).toString()).toBe('hello!')
    expect(readdirSync(dir)).toEqual([`${id}.body`])
  })

  it('never shows a reader a torn body while it is rewritten and appended to', async () => {
    const bodies = createDirectoryBodyStore(freshDir())
    const id = nextFileId()
    const plan = writePlan(60)
    let writing = true
    const seen: Buffer[] = []
    const reader = (async () => {
      while (writing) seen.push(await bodies.read(id))
    })()
    for (const { offset, data } of plan.writes) await bodies.write(id, offset, data)
    writing = false
    await reader
    expect(seen.length).toBeGreaterThan(0)
    for (const body of seen) expect(allowedDuring(plan, body)).toBe(true)
  })
})
