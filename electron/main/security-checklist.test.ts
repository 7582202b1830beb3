// Items of Electron's security checklist (docs/security.md) that hold because nothing in the
// source does the dangerous thing: a scan that fails the day someone does.
import { readdirSync, readFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import { describe, expect, it } from 'vitest'

const root = join(import.meta.dirname, '..', '..')

function sources(): { path: string; text: string }[] {
  return ['electron', 'renderer/src', 'lib', 'drivers']
    .flatMap((dir) =>
      readdirSync(join(root, dir), { recursive: true, withFileTypes: true })
        .filter((e) => e.isFile() && /\.(ts|tsx)$/.test(e.name) && !/\.test\.tsx?$/.test(e.name))
        .map((e) => join(e.parentPath, e.name)),
    )
    .map((path) => ({ path: relative(root, path), text: readFileSync(path, 'utf8') }))
}

describe('Electron security checklist, by absence', () => {
  const files = sources()

  it.each([
    ['15: shell.openExternal', /\bopenExternal\s*\(/],
    ['10: enableBlinkFeatures', /\benableBlinkFeatures\b/],
    ['9: experimentalFeatures on', /\bexperimentalFeatures\s*:\s*true/],
    ['6: webSecurity off', /\bwebSecurity\s*:\s*false/],
    ['8: allowRunningInsecureContent on', /\ballowRunningInsecureContent\s*:\s*true/],
    ['2: Node integration on', /\bnodeIntegration(InWorker|InSubFrames)?\s*:\s*true/],
    ['3/4: isolation or sandbox off', /\b(contextIsolation|sandbox)\s*:\s*false/],
    ['11: <webview> allowpopups', /\ballowpopups\b/],
    // A window's page from file:// (Node's model loader reading file:// URLs is not a page).
    ['18: file:// pages', /\.loadFile\s*\(|loadURL\(\s*['"`]file:/],
  ])('nothing uses %s', (_item, pattern) => {
    expect(files.filter((f) => pattern.test(f.text)).map((f) => f.path)).toEqual([])
  })

  it('scans the sources it means to', () => {
    const paths = files.map((f) => f.path)
    expect(paths).toContain(join('electron', 'main', 'index.ts'))
    expect(paths).toContain(join('electron', 'main', 'window-options.ts'))
    expect(paths).toContain(join('electron', 'preload', 'index.ts'))
  })
})
