import { afterEach, describe, expect, it } from 'vitest'
import type { EnrollmentView, Reply } from '../../contract'
import { createCore, type Core } from '../core'
import { signedInCaller, tempKioskConfig, TEST_PASSWORD_COST } from '../test-support'
import type { Caller } from '../officers'

const cleanups: (() => unknown)[] = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

const NOW = new Date('2026-12-03T03:00:00Z')

async function openCore(dataDir?: string): Promise<{ core: Core; dataDir: string }> {
  const temp = tempKioskConfig(dataDir ? { dataDir } : {})
  if (!dataDir) cleanups.push(temp.cleanup)
  const core = await createCore(temp.config, {
    shell: 'host',
    now: () => NOW,
    passwordCost: TEST_PASSWORD_COST,
  })
  return { core, dataDir: temp.config.dataDir }
}

function value<T>(reply: Reply<unknown>): T {
  if (!reply.ok) throw new Error(`${reply.error.code}: ${reply.error.message}`)
  return reply.value as T
}

async function readCard(core: Core, caller: Caller, dateOfBirth?: string): Promise<void> {
  const insert = { citizenSeed: 'core-enrollment', ...(dateOfBirth ? { dateOfBirth } : {}) }
  const card = value<{ accessKeys: { can: string } }>(
    await core.dispatch('card.simulateInsert', insert, caller),
  )
  value(
    await core.dispatch('card.read', { access: { kind: 'CAN', can: card.accessKeys.can } }, caller),
  )
}

describe('enrollment through the core', () => {
  it('takes the identity from the window’s own chip read, not another window’s', async () => {
    const { core } = await openCore()
    cleanups.push(() => core.close())
    const officer = await signedInCaller(core, 'officer')
    const other = await signedInCaller(core, 'officer', 'second-officer')
    value(await core.dispatch('enrollment.start', {}, officer))
    value(await core.dispatch('enrollment.start', {}, other))
    await readCard(core, officer)

    const elsewhere = await core.dispatch('enrollment.intent', { type: 'identify.chip' }, other)
    expect(elsewhere.ok || elsewhere.error.code).toBe('E_ENROLLMENT_INPUT')
    const view = value<EnrollmentView>(
      await core.dispatch('enrollment.intent', { type: 'identify.chip' }, officer),
    )
    expect(view.identity).toMatchObject({ source: 'chip', document: 'cccd' })
    expect(view.identity?.chip?.passiveAuth).toBe('valid')
  })

  it('reads a child’s card (training: a chosen birth date) and asks for the guardian', async () => {
    const { core } = await openCore()
    cleanups.push(() => core.close())
    const officer = await signedInCaller(core, 'officer')
    value(await core.dispatch('enrollment.start', {}, officer))
    await readCard(core, officer, '2018-03-10')
    const read = value<EnrollmentView>(
      await core.dispatch('enrollment.intent', { type: 'identify.chip' }, officer),
    )
    expect(read.identity?.person.dateOfBirth).toBe('2018-03-10')
    const view = value<EnrollmentView>(
      await core.dispatch('enrollment.intent', { type: 'identify.confirm' }, officer),
    )
    expect(view.eligibility).toMatchObject({ age: 8, guardianRequired: true })
  })

  it('refuses the enrollment channels to a window without a signed-in officer', async () => {
    const { core } = await openCore()
    cleanups.push(() => core.close())
    const reply = await core.dispatch('enrollment.start', {}, core.connect('cli'))
    expect(reply.ok || reply.error.code).toBe('E_NOT_SIGNED_IN')
  })

  it('resumes the draft at its step after the core restarts, and drops the chip read', async () => {
    const first = await openCore()
    const officer = await signedInCaller(first.core, 'officer')
    value(await first.core.dispatch('enrollment.start', {}, officer))
    await readCard(first.core, officer)
    value(await first.core.dispatch('enrollment.intent', { type: 'identify.chip' }, officer))
    value(await first.core.dispatch('enrollment.intent', { type: 'identify.confirm' }, officer))
    await first.core.close()

    const second = await openCore(first.dataDir)
    cleanups.push(() => second.core.close())
    const again = await signedInCaller(second.core, 'officer')
    const resumed = value<EnrollmentView | null>(
      await second.core.dispatch('enrollment.current', {}, again),
    )
    expect(resumed?.step).toBe('eligibility')
    expect(resumed?.identity?.source).toBe('chip')
  })
})
