import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { betterSqliteBinding, loadNativeModulesFrom } from './native-modules'
import { openDatabase, sqliteVersion } from './sqlite'

const temp: string[] = []
afterEach(() => {
  loadNativeModulesFrom(null)
  for (const dir of temp.splice(0)) rmSync(dir, { recursive: true, force: true })
})

describe('native module location', () => {
  it('uses node_modules by default', () => {
    expect(betterSqliteBinding()).toBeUndefined()
  })

  it('loads better-sqlite3 from the Electron ABI folder when the shell says so', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kiosk-abi-'))
    temp.push(dir)
    loadNativeModulesFrom(dir)
    expect(() => betterSqliteBinding()).toThrow(/native\/prepare-electron\.js/)

    // Stand in for an Electron build with the Node build: what matters is that it is the file loaded.
    const nodeBuild = join(
      dirname(createRequire(import.meta.url).resolve('better-sqlite3/package.json')),
      'build',
      'Release',
      'better_sqlite3.node',
    )
    const release = join(dir, 'better-sqlite3', 'build', 'Release')
    mkdirSync(release, { recursive: true })
    copyFileSync(nodeBuild, join(release, 'better_sqlite3.node'))
    expect(betterSqliteBinding()).toBe(join(release, 'better_sqlite3.node'))
    const db = openDatabase(':memory:')
    expect(sqliteVersion(db)).toMatch(/^3\./)
    db.close()
  })

  it('really loads that file: a broken build there fails to open the database', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kiosk-abi-'))
    temp.push(dir)
    const release = join(dir, 'better-sqlite3', 'build', 'Release')
    mkdirSync(release, { recursive: true })
    writeFileSync(join(release, 'better_sqlite3.node'), 'not a shared object')
    loadNativeModulesFrom(dir)
    expect(() => openDatabase(':memory:')).toThrow()
  })
})
