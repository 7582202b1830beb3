import { afterEach, describe, expect, it } from 'vitest'
import { SimulatedFingerprintDevice } from '../../../drivers/fingerprint'
import { createCore, type Core } from '../core'
import { signedInCaller, tempKioskConfig, TEST_PASSWORD, TEST_PASSWORD_COST } from '../test-support'

const cleanups: (() => unknown)[] = []
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c()
})

async function startCore(): Promise<Core> {
  const { config, cleanup } = tempKioskConfig()
  cleanups.push(cleanup)
  const device = new SimulatedFingerprintDevice({
    pacing: false,
    autoFinger: { placeAfterMs: 0, liftAfterMs: 0 },
  })
  const core = await createCore(config, {
    shell: 'host',
    passwordCost: TEST_PASSWORD_COST,
    fingerprint: {
      openSource: async () => ({
        open: () => device.openScanner(),
        dispose: async () => undefined,
      }),
    },
  })
  cleanups.push(() => core.close())
  return core
}

describe('fingerprint channels through the core', { timeout: 120_000 }, () => {
  it('captures for one window only, excuses a finger with an approval, and gives the file its parts', async () => {
    const core = await startCore()
    // The supervisor who approves on the spot (signed in elsewhere; only the account matters).
    await signedInCaller(core, 'supervisor')
    const officer = await signedInCaller(core, 'officer')
    const other = await signedInCaller(core, 'officer', 'test-officer-2')
    const heard: { event: string; to: string | undefined }[] = []
    core.onEvent((event, _payload, to) => heard.push({ event, to }))

    const captured = await core.dispatch('fingerprint.capture', { finger: 'right-thumb' }, officer)
    expect(captured).toMatchObject({ ok: true, value: { finger: 'right-thumb', attempts: 1 } })
    const fingerEvents = heard.filter((h) => h.event.startsWith('fingerprint.'))
    expect(fingerEvents.length).toBeGreaterThan(0)
    expect(fingerEvents.every((h) => h.to === officer.connectionId)).toBe(true)

    // Another window has its own ten fingers.
    const theirs = await core.dispatch('fingerprint.session', {}, other)
    expect(theirs).toMatchObject({ ok: true, value: { next: 'right-thumb' } })

    const missing = { finger: 'left-little', reason: 'amputated' }
    expect(await core.dispatch('fingerprint.markMissing', missing, officer)).toMatchObject({
      ok: false,
      error: { code: 'E_APPROVAL_REQUIRED' },
    })
    const grant = {
      username: 'test-supervisor',
      password: TEST_PASSWORD,
      exception: 'missing-finger',
      reason: 'Cụt ngón út trái',
    }
    expect(await core.dispatch('approvals.grant', grant, officer)).toMatchObject({ ok: true })
    expect(await core.dispatch('fingerprint.markMissing', missing, officer)).toMatchObject({
      ok: true,
      value: { status: 'exception-approved', missing: { reason: 'amputated' } },
    })
    expect(core.fingerprints.summary(officer.connectionId)).toMatchObject({
      complete: false,
      missing: [{ finger: 'left-little', reason: 'amputated' }],
    })
    const parts = await core.fingerprints.fingerParts(officer.connectionId)
    expect(parts.map((p) => p.name)).toEqual(['finger/right-thumb'])

    core.disconnect(officer)
    expect(await core.fingerprints.fingerParts(officer.connectionId)).toEqual([])
  })

  it('refuses a schema-breaking finger and a reason not on the list', async () => {
    const core = await startCore()
    const officer = await signedInCaller(core, 'officer')
    expect(
      await core.dispatch('fingerprint.capture', { finger: 'right-sixth' }, officer),
    ).toMatchObject({ ok: false, error: { code: 'E_SCHEMA' } })
    expect(
      await core.dispatch(
        'fingerprint.markMissing',
        { finger: 'left-ring', reason: 'lost' },
        officer,
      ),
    ).toMatchObject({ ok: false, error: { code: 'E_SCHEMA' } })
    expect(await core.dispatch('fingerprint.session', {}, core.connect('cli'))).toMatchObject({
      ok: false,
      error: { code: 'E_NOT_SIGNED_IN' },
    })
  })
})
