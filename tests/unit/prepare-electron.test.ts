import { spawnSync } from 'node:child_process'
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  rmSync,
  writeFileSync,
} from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'

const script = join(import.meta.dirname, '..', '..', 'native', 'prepare-electron.js')
const temp = mkdtempSync(join(tmpdir(), 'prepare-electron-'))
afterAll(() => rmSync(temp, { recursive: true, force: true }))

/** An electron package as npm leaves it; with `binary` false, as ELECTRON_SKIP_BINARY_DOWNLOAD does. */
function fakeElectron(name: string, binary: boolean): string {
  const dir = join(temp, name)
  mkdirSync(join(dir, 'dist'), { recursive: true })
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'electron', version: '45.5.0' }))
  if (binary) {
    writeFileSync(join(dir, 'path.txt'), 'electron')
    writeFileSync(join(dir, 'dist', 'electron'), '#!/bin/sh\n')
    chmodSync(join(dir, 'dist', 'electron'), 0o755)
  }
  return dir
}

function prepare(electronDir: string, abiDir: string) {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    KIOSK_ELECTRON_DIR: electronDir,
    KIOSK_ELECTRON_ABI_DIR: abiDir,
    // Nothing listens on port 1: the headers cannot be had, as on a machine without network.
    KIOSK_ELECTRON_HEADERS_URL: 'http://127.0.0.1:1/',
    // What the machine's npmrc passes to every npm script: Node's own headers.
    npm_config_nodedir: '/usr',
  }
  delete env.ELECTRON_OVERRIDE_DIST_PATH
  return spawnSync(process.execPath, [script], { env, encoding: 'utf8' })
}

describe('native/prepare-electron.js', () => {
  it('without Electron binary: one bilingual line pointing to npm run host, nothing built', () => {
    const abiDir = join(temp, 'abi-no-binary')
    const result = prepare(fakeElectron('no-binary', false), abiDir)
    expect(result.status).toBe(1)
    const lines = result.stderr.trim().split('\n')
    expect(lines).toHaveLength(1)
    expect(lines[0]).toMatch(
      /^Máy này không có chương trình Electron .* \/ Electron's binary is not/,
    )
    expect(lines[0]).toContain('"npm run host"')
    expect(result.stdout).toBe('')
    expect(existsSync(abiDir)).toBe(false)
  })

  it("with the binary but not Electron's headers: fails instead of building with nodedir's", () => {
    const abiDir = join(temp, 'abi-no-headers')
    const result = prepare(fakeElectron('with-binary', true), abiDir)
    expect(result.status).toBe(1)
    expect(result.stderr).toMatch(/Could not fetch the headers of Electron 45\.5\.0/)
    expect(existsSync(join(abiDir, 'electron-version.txt'))).toBe(false)
    expect(readdirSync(abiDir)).not.toContain('better-sqlite3')
  })
})
