import { describe, expect, it } from 'vitest'
import { INSTRUCTION } from '../ef01/instructions'
import {
  SimulatedFingerprintDevice,
  type SimulatedFingerprintOptions,
} from '../sim/simulated-scanner'
import { VirtualClock } from '../transport/clock'
import { CancelledError } from '../transport/errors'
import { CaptureService, type CaptureEvent } from './capture-service'
import { CaptureError } from './errors'
import type { QualityGate } from './quality-gate'

function rig(options: SimulatedFingerprintOptions & { gate?: QualityGate } = {}) {
  const clock = new VirtualClock()
  const device = new SimulatedFingerprintDevice({ clock, pacing: false, ...options })
  const service = new CaptureService({
    clock,
    openScanner: () => device.openScanner(),
    reconnectDelayMs: 500,
    ...(options.gate ? { qualityGate: options.gate } : {}),
  })
  const events: CaptureEvent[] = []
  const onEvent = (e: CaptureEvent) => events.push(e)
  return { clock, device, service, events, onEvent, run: <T>(p: Promise<T>) => clock.run(p) }
}

/** A gate that hands out the given scores in turn (accepting 40 and above). */
function scriptedGate(scores: number[]): QualityGate {
  let i = 0
  return () => {
    const score = scores[Math.min(i++, scores.length - 1)] ?? 0
    return { score, source: 'kiosk-quality-score', acceptable: score >= 40, feedback: [] }
  }
}

const states = (events: CaptureEvent[]) =>
  events.flatMap((e) => (e.type === 'state' ? [`${e.attempt}:${e.state}`] : []))
const retries = (events: CaptureEvent[]) =>
  events.flatMap((e) => (e.type === 'retry' ? [[e.attempt, e.reason, e.code]] : []))

describe('CaptureService with the simulated EF01 module', { timeout: 60_000 }, () => {
  it('awaits the finger, captures with progress, scores, awaits the lift', async () => {
    const { service, events, onEvent, run } = rig()
    const result = await run(service.capture({ finger: 'left-thumb', onEvent }))
    expect(states(events)).toEqual([
      '1:connecting',
      '1:awaiting-finger',
      '1:capturing',
      '1:scoring',
      '1:awaiting-lift',
    ])
    expect(result).toMatchObject({
      finger: 'left-thumb',
      accepted: true,
      bestAttempt: 1,
      quality: { source: 'kiosk-quality-score', acceptable: true },
      image: { width: 256, height: 288, ppi: 500 },
      scanner: { kind: 'ef01', transport: 'sim', enrolmentGrade: false },
    })
    expect(result.quality.score).toBeGreaterThanOrEqual(40)
    expect(result.bytesOnWire).toBeGreaterThan(40056)
    const progress = events.filter((e) => e.type === 'progress')
    expect(progress.at(-1)).toMatchObject({ bytesReceived: 36864, bytesTotal: 36864 })
    const frames = progress.filter((e) => e.frame !== null)
    expect(frames.length).toBeGreaterThanOrEqual(8)
    expect(frames.length).toBeLessThanOrEqual(10)
    // The first preview shows only the top rows; the rest is still white.
    const first = frames[0]!.frame!
    expect(first.pixels.subarray(first.width * 200).every((v) => v === 255)).toBe(true)
  })

  it('presents the requested finger of the virtual citizen', async () => {
    const { service, device, run } = rig()
    await run(service.capture({ finger: 'right-ring' }))
    expect(device.finger).toBe('right-ring')
  })

  it('retries a poor image with its reason and keeps the best of the attempts', async () => {
    const { service, events, onEvent, run } = rig({ gate: scriptedGate([20, 35, 30]) })
    const result = await run(service.capture({ finger: 'right-index', onEvent }))
    expect(retries(events)).toEqual([
      [1, 'poor-quality', 'poor-quality'],
      [2, 'poor-quality', 'poor-quality'],
      [3, 'poor-quality', 'poor-quality'],
    ])
    expect(result).toMatchObject({ accepted: false, bestAttempt: 2, quality: { score: 35 } })
    expect(result.attempts.map((a) => a.score)).toEqual([20, 35, 30])
  })

  it('stops at the first acceptable image', async () => {
    const { service, run } = rig({ gate: scriptedGate([10, 80, 90]) })
    const result = await run(service.capture({ finger: 'right-index' }))
    expect(result.attempts.map((a) => a.outcome)).toEqual(['retry', 'accepted'])
  })

  it('retries when the module itself rejects the image (GetImageEx 07)', async () => {
    const { service, device, events, onEvent, run } = rig()
    await run(service.connect())
    device.module.injectFault({
      kind: 'confirmation',
      instruction: INSTRUCTION.GET_IMAGE_EX,
      code: 0x07,
    })
    const result = await run(service.capture({ finger: 'right-index', onEvent }))
    expect(retries(events)).toEqual([[1, 'poor-quality', 'ef01-poor-quality']])
    expect(result.bestAttempt).toBe(2)
  })

  it('retries after a corrupted packet in the middle of the image', async () => {
    const { service, device, events, onEvent, run } = rig()
    await run(service.connect())
    device.module.injectFault({
      kind: 'bad-checksum',
      instruction: INSTRUCTION.UP_IMAGE,
      packet: 7,
    })
    const result = await run(service.capture({ finger: 'right-index', onEvent }))
    expect(retries(events)).toEqual([[1, 'transfer-error', 'ef01-bad-checksum']])
    expect(result.accepted).toBe(true)
  })

  it('survives the device removed mid-image: clear reason, reconnect, next attempt', async () => {
    const { service, device, events, onEvent, run } = rig({ pacing: true })
    await run(service.connect())
    device.module.injectFault({ kind: 'unplug', instruction: INSTRUCTION.UP_IMAGE, packet: 100 })
    const result = await run(service.capture({ finger: 'right-index', onEvent }))
    expect(retries(events)).toEqual([[1, 'device-removed', 'transport-removed']])
    expect(states(events)).toContain('2:reconnecting')
    expect(result).toMatchObject({ accepted: true, bestAttempt: 2 })
  })

  it('ends with a clear bilingual error when the removed device does not come back', async () => {
    const { service, device, clock, run } = rig({ pacing: true })
    await run(service.connect())
    device.module.injectFault({ kind: 'unplug', instruction: INSTRUCTION.UP_IMAGE, packet: 10 })
    device.plugged = false
    const t0 = clock.now()
    const error = await run(service.capture({ finger: 'right-index' }).catch((e: unknown) => e))
    expect(error).toBeInstanceOf(CaptureError)
    expect(error).toMatchObject({ captureCode: 'device-removed' })
    expect((error as Error).message).toMatch(
      /^Đầu đọc vân tay đã bị rút ra.* \/ The fingerprint scanner was removed/,
    )
    expect(clock.now() - t0).toBeLessThan(5000)
  })

  it('gives up waiting for a finger that never comes', async () => {
    const { service, run } = rig({ autoFinger: { placeAfterMs: 600_000, liftAfterMs: 100 } })
    const error = await run(
      service.capture({ finger: 'right-index', fingerTimeoutMs: 5000 }).catch((e: unknown) => e),
    )
    expect(error).toMatchObject({ captureCode: 'no-finger' })
  })

  it('cancels while waiting for the finger', async () => {
    const { service, clock, run } = rig({ autoFinger: { placeAfterMs: 600_000, liftAfterMs: 100 } })
    const controller = new AbortController()
    clock.after(2000, () => controller.abort())
    const error = await run(
      service
        .capture({ finger: 'right-index', signal: controller.signal })
        .catch((e: unknown) => e),
    )
    expect(error).toBeInstanceOf(CancelledError)
  })

  it('cancels mid-image, and the next capture still works', async () => {
    const { service, run } = rig({ pacing: true })
    const controller = new AbortController()
    const error = await run(
      service
        .capture({
          finger: 'right-index',
          signal: controller.signal,
          onEvent: (e) => e.type === 'progress' && e.bytesReceived > 5000 && controller.abort(),
        })
        .catch((e: unknown) => e),
    )
    expect(error).toBeInstanceOf(CancelledError)
    expect((await run(service.capture({ finger: 'right-index' }))).image.width).toBe(256)
  })

  it('captures through the CP2110 HID bridge the same way', async () => {
    const { service, run } = rig({ transport: 'hid' })
    const result = await run(service.capture({ finger: 'left-index' }))
    expect(result.scanner.transport).toBe('sim:hid')
    expect(result.accepted).toBe(true)
  })
})
