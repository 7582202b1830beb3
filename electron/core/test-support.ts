import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { KioskConfig } from './config'

/** A fresh data directory under the system temp dir, and the config that points at it. */
export function tempKioskConfig(overrides: Partial<KioskConfig> = {}): {
  config: KioskConfig
  cleanup: () => void
} {
  const dataDir = mkdtempSync(join(tmpdir(), 'kiosk-test-'))
  return {
    config: { dataDir, devices: 'simulated', upstreamUrl: null, language: 'vi', ...overrides },
    cleanup: () => rmSync(dataDir, { recursive: true, force: true }),
  }
}
