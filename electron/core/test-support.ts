import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { KioskConfig } from './config'
import { pcscdSocketPath } from './devices'

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

/**
 * For tests that need pcscd + vsmartcard-vpcd and the virtual cards (outside the repo): call it in
 * the test itself, not a hook, so a missing daemon fails the test with how to start it rather than
 * reporting it as skipped.
 */
export function requirePcscd(): void {
  if (!existsSync(pcscdSocketPath())) {
    throw new Error(
      `pcscd is not running (no ${pcscdSocketPath()}). This test needs pcscd + vsmartcard-vpcd + ` +
        "the virtual cards, which the pcsc project's global setup starts (tests/setup/pcsc-services.ts): " +
        'run it with "npx vitest run --project pcsc" or "npm test".',
    )
  }
}
