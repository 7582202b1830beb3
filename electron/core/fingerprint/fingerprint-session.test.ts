import { describe, expect, it } from 'vitest'
import {
  FINGER_NAMES,
  MISSING_FINGER_REASONS,
  FINGER_IMAGE_COMPRESSION,
  readFingerImageRecord,
  type FingerImageEncoding,
  SimulatedFingerprintDevice,
  VirtualClock,
  type FingerName,
  type FingerprintScanner,
  type SimulatedFingerprintOptions,
} from '../../../drivers/fingerprint'
import {
  events as contractEvents,
  fingerNames,
  missingFingerReasons,
  type Approval,
  type EventName,
} from '../../contract'
import { parse } from '../../../lib/schema'
import { FingerprintSessionState } from './fingerprint-session'
import { openListedScanner } from './scanner-source'

const approval = (approvalId: string, supervisorId = 'sup-1'): Approval => ({
  approvalId,
  supervisorId,
  supervisorName: 'Kiểm soát viên',
  exception: 'missing-finger',
  reason: 'Ngón bị băng bó',
  at: '2026-12-03T06:00:00Z',
})

interface Rig {
  clock: VirtualClock
  device: SimulatedFingerprintDevice
  session: FingerprintSessionState
  sent: { event: EventName; payload: unknown }[]
  run: <T>(p: Promise<T>) => Promise<T>
}

/**
 * A session over the simulated EF01 module on a virtual clock. `presents` maps a requested finger
 * to the one the virtual citizen actually puts down (a citizen giving the same finger twice).
 */
function rig(
  options: SimulatedFingerprintOptions & {
    presents?: Partial<Record<FingerName, FingerName>>
    acceptScore?: number
    maxAttempts?: number
    fingerTimeoutMs?: number
    recordEncoding?: FingerImageEncoding
  } = {},
): Rig {
  const clock = new VirtualClock()
  const device = new SimulatedFingerprintDevice({ clock, pacing: false, ...options })
  const sent: Rig['sent'] = []
  const open = async (): Promise<FingerprintScanner> => {
    const scanner = await device.openScanner()
    return Object.assign(Object.create(scanner) as FingerprintScanner, {
      present: (finger: FingerName) => scanner.present?.(options.presents?.[finger] ?? finger),
    })
  }
  const session = new FingerprintSessionState({
    openSource: async () => ({ open, dispose: async () => undefined }),
    now: () => new Date(Date.UTC(2026, 11, 3, 6) + clock.now()),
    emit: (event, payload) => {
      // Every event the session sends is valid under its contract schema.
      parse(contractEvents[event], payload)
      sent.push({ event, payload })
    },
    clock,
    reconnectDelayMs: 200,
    policy: {
      ...(options.acceptScore !== undefined ? { acceptScore: options.acceptScore } : {}),
      ...(options.maxAttempts !== undefined ? { maxAttempts: options.maxAttempts } : {}),
    },
    ...(options.fingerTimeoutMs ? { fingerTimeoutMs: options.fingerTimeoutMs } : {}),
    ...(options.recordEncoding ? { recordEncoding: options.recordEncoding } : {}),
  })
  return { clock, device, session, sent, run: (p) => clock.run(p) }
}

const settle = () => new Promise<void>((resolve) => setImmediate(resolve))

describe('fingerprint session over the simulated scanner', { timeout: 120_000 }, () => {
  it('keeps the contract lists equal to the driver’s', () => {
    expect([...fingerNames]).toEqual(FINGER_NAMES)
    expect([...missingFingerReasons]).toEqual([...MISSING_FINGER_REASONS])
  })

  it('captures a finger with phases, a bounded preview and its quality source named', async () => {
    const { session, sent, run } = rig()
    const state = await run(session.capture('right-thumb'))
    expect(state).toMatchObject({ finger: 'right-thumb', status: 'accepted', attempts: 1 })
    expect(state.best?.source).toBe('kiosk-quality-score')
    const phases = sent.flatMap((e) =>
      e.event === 'fingerprint.progress' ? [(e.payload as { phase: string }).phase] : [],
    )
    expect([...new Set(phases)]).toEqual([
      'connecting',
      'place-finger',
      'capturing',
      'checking-quality',
      'lift-finger',
    ])
    await settle()
    const previews = sent.filter((e) => e.event === 'fingerprint.preview')
    expect(previews.length).toBeGreaterThan(0)
    expect(previews[0]?.payload).toMatchObject({ finger: 'right-thumb', width: 256, height: 288 })
    expect(session.state()).toMatchObject({
      next: 'right-index',
      capturing: null,
      complete: false,
      scanner: { kind: 'ef01', transport: 'sim' },
    })
  })

  it('keeps the best of the attempts and refuses one more past the limit', async () => {
    const { session, run } = rig({
      acceptScore: 100,
      maxAttempts: 2,
      condition: (capture) => (capture === 0 ? 'good' : 'light'),
    })
    const first = await run(session.capture('left-index'))
    expect(first.status).toBe('retry')
    const second = await run(session.capture('left-index'))
    expect(second).toMatchObject({ status: 'best-kept', attempts: 2, remainingAttempts: 0 })
    expect(second.best).toEqual(first.best)
    await expect(run(session.capture('left-index'))).rejects.toMatchObject({
      code: 'E_FINGER_REFUSED',
      sentence: { key: 'messages.fingerprint.policy.attempts-exhausted' },
    })
  })

  it('warns of a duplicate as the finger arrives, and clears it on recapture', async () => {
    const { session, sent, run } = rig({ presents: { 'right-middle': 'right-index' } })
    await run(session.capture('right-index'))
    const middle = await run(session.capture('right-middle'))
    expect(middle.duplicateOf).toEqual(['right-index'])
    const warning = sent.find((e) => e.event === 'fingerprint.duplicate')
    expect(warning?.payload).toMatchObject({
      finger: 'right-middle',
      pairs: [{ a: 'right-index', b: 'right-middle' }],
    })
    expect(session.state().duplicates).toHaveLength(1)
    expect(session.discard('right-middle')).toMatchObject({ status: 'pending', duplicateOf: [] })
    expect(session.state().duplicates).toEqual([])
  })

  it('says the scanner was unplugged mid-finger, and captures again once it is back', async () => {
    const { device, session, run } = rig()
    await run(session.capture('right-thumb'))
    device.module.injectFault({ kind: 'unplug', packet: 10 })
    device.plugged = false
    await expect(run(session.capture('right-index'))).rejects.toMatchObject({
      code: 'E_SCANNER_REMOVED',
    })
    expect(session.state().capturing).toBeNull()
    device.plugged = true
    expect((await run(session.capture('right-index'))).status).toBe('accepted')
  })

  it('times out when no finger is placed, and says there is no scanner when none opens', async () => {
    const waiting = rig({
      autoFinger: { placeAfterMs: 600_000, liftAfterMs: 0 },
      fingerTimeoutMs: 5000,
    })
    await expect(waiting.run(waiting.session.capture('left-thumb'))).rejects.toMatchObject({
      code: 'E_SCANNER_TIMEOUT',
    })
    const unplugged = rig()
    unplugged.device.plugged = false
    await expect(unplugged.run(unplugged.session.capture('left-thumb'))).rejects.toMatchObject({
      code: 'E_NO_SCANNER',
    })
    await expect(openListedScanner([])).rejects.toMatchObject({ code: 'E_NO_SCANNER' })
  })

  it('stops a capture on cancel', async () => {
    const { clock, session } = rig({ autoFinger: { placeAfterMs: 600_000, liftAfterMs: 0 } })
    const capture = session.capture('left-ring')
    capture.catch(() => undefined)
    await clock.advance(1000)
    expect(session.state().capturing).toBe('left-ring')
    await expect(session.capture('left-little')).rejects.toMatchObject({ code: 'E_CAPTURE_BUSY' })
    expect(session.cancel()).toBe(true)
    await expect(clock.run(capture)).rejects.toMatchObject({ code: 'E_CANCELLED' })
    expect(session.cancel()).toBe(false)
  })

  it('excuses a missing finger only with an unused missing-finger approval', async () => {
    const { session, run } = rig()
    expect(() =>
      session.markMissing({ finger: 'left-little', reason: 'bandaged' }, 'officer-7', []),
    ).toThrow(expect.objectContaining({ code: 'E_APPROVAL_REQUIRED' }))
    expect(session.finger('left-little')).toMatchObject({
      status: 'exception-pending',
      missing: { reason: 'bandaged', approvalId: null },
    })
    const held = [approval('ap-1')]
    expect(
      session.markMissing({ finger: 'left-little', reason: 'bandaged' }, 'officer-7', held),
    ).toMatchObject({
      status: 'exception-approved',
      missing: { reason: 'bandaged', approvalId: 'ap-1', approvedBy: 'sup-1' },
    })
    // One approval excuses one finger.
    expect(() =>
      session.markMissing({ finger: 'left-ring', reason: 'amputated' }, 'officer-7', held),
    ).toThrow(expect.objectContaining({ code: 'E_APPROVAL_REQUIRED' }))
    expect(session.summary().missing).toEqual([
      { finger: 'left-ring', reason: 'amputated', approvalId: null, approvedBy: null },
      { finger: 'left-little', reason: 'bandaged', approvalId: 'ap-1', approvedBy: 'sup-1' },
    ])
    expect(session.withdrawMissing('left-ring').status).toBe('pending')
    // A new reason takes the old declaration back, and frees the approval it used.
    expect(
      session.markMissing({ finger: 'left-little', reason: 'scarred' }, 'officer-7', held),
    ).toMatchObject({
      status: 'exception-approved',
      missing: { reason: 'scarred', approvalId: 'ap-1' },
    })
    await expect(run(session.capture('left-little'))).rejects.toMatchObject({
      code: 'E_FINGER_REFUSED',
      sentence: { key: 'messages.fingerprint.policy.finger-excused' },
    })
  })

  it('gives the file one ISO/IEC 19794-4 part per captured finger, none for an excused one', async () => {
    const { session, run } = rig()
    await run(session.capture('left-thumb'))
    session.markMissing({ finger: 'left-index', reason: 'scarred' }, 'officer-7', [
      approval('ap-2'),
    ])
    const parts = await session.fingerParts()
    expect(parts.map((p) => [p.name, p.kind])).toEqual([['finger/left-thumb', 'finger']])
    const { record, images } = await readFingerImageRecord(parts[0]?.data ?? new Uint8Array())
    expect(record.representations[0]?.position).toBe(6)
    expect(images[0]).toMatchObject({ finger: 'left-thumb', image: { width: 256, height: 288 } })
    expect(session.reset().fingers.every((f) => f.status === 'pending')).toBe(true)
    expect(await session.fingerParts()).toEqual([])
  })

  it('stores the images as PNG unless WSQ is configured', async () => {
    for (const [encoding, code] of [
      [undefined, FINGER_IMAGE_COMPRESSION.png],
      ['wsq', FINGER_IMAGE_COMPRESSION.wsq],
    ] as const) {
      const { session, run } = rig(encoding ? { recordEncoding: encoding } : {})
      await run(session.capture('right-index'))
      const [part] = await session.fingerParts()
      const { record, images } = await readFingerImageRecord(part?.data ?? new Uint8Array())
      expect(record.representations[0]?.compression).toBe(code)
      expect(images[0]?.image).toMatchObject({ width: 256, height: 288 })
    }
  })
})
