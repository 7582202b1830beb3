import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join, relative } from 'node:path'
import { describe, expect, it } from 'vitest'

const root = join(import.meta.dirname, '..', '..')
const SOURCE_DIRS = [
  'electron',
  'renderer',
  'drivers',
  'upstream',
  'protocol',
  'lib',
  'tests',
  'bin',
]

function sources(dir: string): string[] {
  let entries: string[]
  try {
    entries = readdirSync(dir)
  } catch {
    return []
  }
  return entries.flatMap((name) => {
    const path = join(dir, name)
    if (statSync(path).isDirectory()) return name === 'node_modules' ? [] : sources(path)
    return /\.(ts|tsx|js|mjs|cjs)$/.test(name) ? [path] : []
  })
}

describe('process boundaries', () => {
  const files = SOURCE_DIRS.flatMap((d) => sources(join(root, d))).map((f) => relative(root, f))

  it('imports electron only under electron/main/ and electron/preload/', () => {
    const importsElectron = files.filter((f) =>
      /(from|import|require\()\s*['"]electron['"]/.test(readFileSync(join(root, f), 'utf8')),
    )
    expect(importsElectron.length).toBeGreaterThan(0)
    expect(importsElectron.filter((f) => !/^electron\/(main|preload)\//.test(f))).toEqual([])
  })

  it('keeps the renderer away from Node and the core', () => {
    const renderer = files.filter(
      (f) => f.startsWith('renderer/') && !f.endsWith('.test.ts') && !f.endsWith('.test.tsx'),
    )
    const offenders = renderer.filter((f) =>
      /from ['"](node:|.*electron\/core)/.test(readFileSync(join(root, f), 'utf8')),
    )
    expect(offenders).toEqual([])
  })
})
