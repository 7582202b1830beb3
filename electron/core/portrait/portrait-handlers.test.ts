import { describe, expect, it } from 'vitest'
import type { FaceEngine } from '../../../drivers/camera'
import type { CallContext } from '../dispatch'
import { silentLogger } from '../log'
import type { Approval } from '../../contract'
import { createChipFaces } from './chip-faces'
import { createPortraitHandlers } from './portrait-handlers'
import type { AcceptedPortrait } from './portrait-check'
import { DEFAULT_PORTRAIT_SETTINGS } from './portrait-settings'

// The handlers' own job: who may check, which approvals count, what is kept per connection.
// The analysis itself is portrait-check.test.ts; here the engine sees no face at all.
const noFaces: FaceEngine = {
  loadMs: 0,
  observe: () => Promise.resolve([]),
  dispose: () => undefined,
}
// Bytes that are no image at all: the check refuses them before any model runs.
const NOT_AN_IMAGE = Buffer.from('x'.repeat(64)).toString('base64')

function context(connectionId: string, officerId: string | null): CallContext {
  return {
    caller: { connectionId },
    session: officerId
      ? {
          officerId,
          username: officerId,
          displayName: officerId,
          role: 'officer',
          signedInAt: '2026-12-02T10:00:00Z',
          lastActivityMs: 0,
          locked: false,
          mustChangePassword: false,
        }
      : null,
  }
}

function handlers(approvals: Approval[] = []) {
  const accepted = new Map<string, AcceptedPortrait>()
  const chipFaces = createChipFaces()
  const made = createPortraitHandlers({
    settings: DEFAULT_PORTRAIT_SETTINGS,
    chipFaces,
    officers: { pendingApprovals: () => approvals },
    now: () => new Date('2026-12-02T10:00:00Z'),
    log: silentLogger,
    accepted,
    engine: () => Promise.resolve(noFaces),
  })
  return { made, accepted, chipFaces }
}

describe('portrait handlers', () => {
  it('serves the settings the live capture shares with the re-check', async () => {
    expect(await handlers().made['portrait.settings']({}, context('c1', 'o1'))).toEqual(
      DEFAULT_PORTRAIT_SETTINGS,
    )
  })

  it('refuses a check without a signed-in officer', async () => {
    await expect(
      handlers().made['portrait.check'](
        { pngBase64: NOT_AN_IMAGE, capture: 'auto' },
        context('c1', null),
      ),
    ).rejects.toMatchObject({ code: 'E_NOT_SIGNED_IN' })
  })

  it('needs a manual-portrait approval, not any approval, for a manual capture', async () => {
    const other: Approval = {
      approvalId: 'a1',
      supervisorId: 's1',
      supervisorName: 'Trần Thị Bình',
      exception: 'missing-finger',
      reason: 'bandaged thumb',
      at: '2026-12-02T10:00:00Z',
    }
    await expect(
      handlers([other]).made['portrait.check'](
        { pngBase64: NOT_AN_IMAGE, capture: 'manual' },
        context('c1', 'o1'),
      ),
    ).rejects.toMatchObject({ code: 'E_APPROVAL_REQUIRED' })
  })

  it('keeps nothing for a frame it refuses', async () => {
    const { made, accepted } = handlers()
    const check = made['portrait.check']
    const error = await Promise.resolve()
      .then(() => check({ pngBase64: NOT_AN_IMAGE, capture: 'auto' }, context('c1', 'o1')))
      .catch((e: unknown) => e)
    expect(error).toMatchObject({ code: 'E_PORTRAIT_IMAGE' })
    expect(accepted.size).toBe(0)
  })

  it('remembers one chip photo per connection and forgets it with the connection', () => {
    const faces = createChipFaces()
    faces.remember('c1', Uint8Array.of(1, 2, 3))
    faces.remember('c2', Uint8Array.of(9))
    expect([...(faces.get('c1') ?? [])]).toEqual([1, 2, 3])
    faces.remember('c1', null)
    expect(faces.get('c1')).toBeNull()
    faces.forget('c2')
    expect(faces.get('c2')).toBeNull()
  })
})
