import { spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { afterAll, describe, expect, it } from 'vitest'
import { PROJECT_ROOT } from './paths'

const bundles = mkdtempSync(join(tmpdir(), 'kiosk-cli-bundle-'))
afterAll(() => rmSync(bundles, { recursive: true, force: true }))

/** Runs bin/cli-bundle.js's functions in a child process, on the test's own bundle folder. */
function bundleScript(code: string): string {
  const result = spawnSync(
    process.execPath,
    ['--input-type=module', '-e', `import * as b from './bin/cli-bundle.js'\n${code}`],
    { cwd: PROJECT_ROOT, env: { ...process.env, KIOSK_CLI_BUNDLE_DIR: bundles }, encoding: 'utf8' },
  )
  expect(result.status, result.stderr).toBe(0)
  return result.stdout.trim()
}

describe('the kiosk CLI bundle', () => {
  it('is built from the sources, used while they are unchanged, rebuilt once one changed', () => {
    expect(bundleScript('console.log(b.freshBundleEntry())')).toBe('null')
    const entry = bundleScript('console.log(await b.buildBundle())')
    expect(entry.startsWith(bundles)).toBe(true)
    expect(bundleScript('console.log(b.freshBundleEntry())')).toBe(entry)
    const pointerFile = join(bundles, 'current.json')
    const pointer = JSON.parse(readFileSync(pointerFile, 'utf8')) as {
      builtAt: number
      inputs: string[]
    }
    expect(pointer.inputs).toContain('electron/cli/main.ts')
    expect(pointer.inputs).toContain('resources/locales/vi.json')
    // As if main.ts had been edited after the build: the bundle is stale.
    writeFileSync(pointerFile, JSON.stringify({ ...pointer, builtAt: 0 }))
    expect(bundleScript('console.log(b.freshBundleEntry())')).toBe('null')
  })

  it('keeps import.meta.url meaning the source file, so files next to the code are found', () => {
    const entry = bundleScript('console.log(await b.buildBundle())')
    const dir = dirname(entry)
    const code = readdirSync(dir)
      .filter((name) => name.endsWith('.js'))
      .map((name) => readFileSync(join(dir, name), 'utf8'))
      .join('\n')
    expect(code).not.toContain('import.meta.url')
    expect(code).toContain(
      JSON.stringify(pathToFileURL(join(PROJECT_ROOT, 'electron/cli/paths.ts')).href),
    )
  })
})
