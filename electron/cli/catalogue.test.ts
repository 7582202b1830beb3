import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { hasMessage } from '../../lib/messages'
import { KIOSK_COMMANDS } from './commands'
import { EXIT } from './exit-codes'

/** Every `'cli.…'` / `'host.…'` key written in the CLI's sources (a missing one prints as the key). */
function keysUsedIn(dir: string): string[] {
  const keys: string[] = []
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile() || !entry.name.endsWith('.ts') || entry.name.endsWith('.test.ts')) continue
    const source = readFileSync(join(entry.parentPath, entry.name), 'utf8')
    for (const match of source.matchAll(/'((?:cli|host)\.[A-Za-z0-9.]+)'/g)) keys.push(match[1]!)
  }
  return keys
}

describe('CLI texts in the message catalogue', () => {
  it('has both languages for every key the CLI uses', () => {
    const keys = [
      ...keysUsedIn(import.meta.dirname),
      ...KIOSK_COMMANDS.map((c) => c.summary),
      ...Object.keys(EXIT).map((name) => `cli.exit.${name}`),
    ]
    expect(keys.length).toBeGreaterThan(100)
    expect(keys.filter((key) => !hasMessage(key))).toEqual([])
  })

  it('gives each exit code one meaning', () => {
    const codes = Object.values(EXIT)
    expect(new Set(codes).size).toBe(codes.length)
  })
})
