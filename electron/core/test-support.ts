import type { BarcodeHandlers } from './barcode'
import type { EnrollmentHandlers } from './enrollment'
import type { FingerprintHandlers } from './fingerprint'
import type { PortraitHandlers } from './portrait'
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { KioskConfig } from './config'
import { requestChannels, type OfficerRole, type Reply } from '../contract'
import type { Authorize, Dispatch } from './dispatch'
import { pcscdSocketPath } from './devices'
import type { Caller, OfficerHandlers, OfficerService } from './officers'

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

/** A cheap scrypt cost for tests that create accounts (the station's is ~230 ms a hash). */
export const TEST_PASSWORD_COST = { N: 1024, r: 8, p: 1 } as const

export const TEST_PASSWORD = 'ngựa ô chạy trên đồng'

/**
 * A new connection of `core` with an officer of `role` signed in: creates the account (a
 * supervisor named `test-supervisor` first when the station has none, as setup would).
 */
export async function signedInCaller(
  core: {
    connect(kind: 'cli'): Caller
    officers: OfficerService
  },
  role: OfficerRole = 'officer',
  username = `test-${role}`,
): Promise<Caller> {
  const { accounts } = core.officers
  if (!accounts.list().some((o) => o.username === username))
    await accounts.create(
      { username, displayName: `Cán bộ ${role}`, policeId: '', role, password: TEST_PASSWORD },
      'test',
    )
  const caller = core.connect('cli')
  await core.officers.signIn(caller, username, TEST_PASSWORD)
  return caller
}

const signedInCallers = new WeakMap<object, Promise<Caller>>()

/**
 * `core.dispatch` from a connection with a supervisor signed in (created on first use), for tests
 * of what a channel does rather than who may call it (electron/core/officers tests that).
 */
export async function dispatchSignedIn(
  core: {
    connect(kind: 'cli'): Caller
    officers: OfficerService
    dispatch(channel: string, payload: unknown, caller: Caller): Promise<Reply<unknown>>
  },
  channel: string,
  payload: unknown,
): Promise<Reply<unknown>> {
  let caller = signedInCallers.get(core)
  if (!caller) {
    caller = signedInCaller(core, 'supervisor')
    signedInCallers.set(core, caller)
  }
  return core.dispatch(channel, payload, await caller)
}

/** For dispatcher tests: every caller passes, as a supervisor. */
export const allowEveryCaller: Authorize = () => ({
  ok: true,
  session: {
    officerId: 'test-supervisor',
    username: 'test-supervisor',
    displayName: 'Test',
    role: 'supervisor',
    signedInAt: '2026-12-02T08:00:00.000Z',
    lastActivityMs: 0,
    locked: false,
    mustChangePassword: false,
  },
})

export const TEST_CALLER: Caller = { connectionId: 'test-connection' }

/** A dispatcher as the shells call it, from TEST_CALLER. */
export function fromTestCaller(dispatch: Dispatch) {
  return (channel: string, payload: unknown) => dispatch(channel, payload, TEST_CALLER)
}

/** The session, officers and approvals channels for dispatcher tests that never call them. */
function unusedHandlers(prefix: RegExp): unknown {
  return Object.fromEntries(
    requestChannels
      .filter((c) => prefix.test(c))
      .map((c) => [
        c,
        () => {
          throw new Error(`${c} is not used in this test`)
        },
      ]),
  )
}

export const unusedOfficerHandlers = unusedHandlers(
  /^(session|officers|approvals)\./,
) as OfficerHandlers

/** Portrait channels for dispatcher tests that never take a portrait. */
export const unusedPortraitHandlers = unusedHandlers(/^portrait\./) as PortraitHandlers

/** Enrollment channels for dispatcher tests that never enroll anyone. */
export const unusedEnrollmentHandlers = unusedHandlers(
  /^(enrollment|training)\./,
) as EnrollmentHandlers
/** Fingerprint channels for dispatcher tests that never capture a finger. */
export const unusedFingerprintHandlers = unusedHandlers(/^fingerprint\./) as FingerprintHandlers

/** Barcode channels for dispatcher tests that never scan a QR code. */
export const unusedBarcodeHandlers = unusedHandlers(/^barcode\./) as BarcodeHandlers
