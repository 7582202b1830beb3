import { existsSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { DataDirError, ensureDataDir } from './data-dir'

const temp = mkdtempSync(join(tmpdir(), 'data-dir-'))
afterAll(() => rmSync(temp, { recursive: true, force: true }))

describe('ensureDataDir', () => {
  it('creates the directory and its missing parents, owner-only', () => {
    const dir = join(temp, 'a', 'b', 'c')
    ensureDataDir(dir)
    expect(statSync(dir).isDirectory()).toBe(true)
    expect(statSync(dir).mode & 0o777).toBe(0o700)
    ensureDataDir(dir) // already there: nothing to do
  })

  it('fails at once where the parent refuses children (recursive mkdir spins on /proc/x)', () => {
    expect(() => ensureDataDir('/proc/kiosk-data-dir-test/x')).toThrow(DataDirError)
    expect(existsSync('/proc/kiosk-data-dir-test')).toBe(false)
  })

  it('fails when the path is a file', () => {
    const file = join(temp, 'file')
    writeFileSync(file, '')
    expect(() => ensureDataDir(file)).toThrow(/not a directory/)
  })
})
