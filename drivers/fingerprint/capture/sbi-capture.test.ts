import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { readFingerImageRecord } from '../records'
import { SbiSecurityError } from '../sbi/errors'
import { SbiHashChain } from '../sbi/hash-chain'
import { SbiServiceSimulator } from '../sim/sbi-service'
import { CaptureService, type CaptureEvent } from './capture-service'
import { SbiScanner } from './sbi-scanner'

let simulator: SbiServiceSimulator
let port: number
beforeAll(async () => {
  simulator = SbiServiceSimulator.create({
    encoding: 'png',
    streamIntervalMs: 20,
    captureDelayMs: 150,
  })
  port = await simulator.start()
}, 30_000)
afterAll(() => simulator.stop())

function service(chain = new SbiHashChain()) {
  return new CaptureService({
    openScanner: () =>
      SbiScanner.open({ port, trust: simulator.trust, transactionId: 'kiosk-session-0001', chain }),
  })
}

describe('CaptureService with an SBI device (simulator)', { timeout: 60_000 }, () => {
  it('uses the device NFIQ 2 as the score, labelled as such, and keeps the signed record', async () => {
    simulator.qualityScore = 81
    const events: CaptureEvent[] = []
    const result = await service().capture({
      finger: 'left-middle',
      onEvent: (e) => events.push(e),
    })
    expect(result).toMatchObject({
      accepted: true,
      deviceNfiq2: 81,
      quality: { score: 81, source: 'device-nfiq2' },
      image: { width: 400, height: 500 },
      scanner: { kind: 'sbi', enrolmentGrade: true, transport: `sbi:${port}` },
    })
    const { images } = await readFingerImageRecord(result.deviceRecord!)
    expect(images[0]!.finger).toBe('left-middle')
    expect(
      events.some((e) => e.type === 'progress' && e.encodedFrame?.contentType === 'image/png'),
    ).toBe(true)
  })

  it('retries below the threshold and keeps the best device score', async () => {
    simulator.qualityScore = 25
    try {
      const result = await service().capture({ finger: 'right-thumb', maxAttempts: 2 })
      expect(result).toMatchObject({ accepted: false, quality: { score: 25 } })
      expect(result.attempts.map((a) => a.reason)).toEqual(['poor-quality', 'poor-quality'])
    } finally {
      simulator.qualityScore = 78
    }
  })

  it('carries one hash chain across the captures of a session', async () => {
    const chain = new SbiHashChain()
    const session = service(chain)
    await session.capture({ finger: 'right-index' })
    await session.capture({ finger: 'right-middle' })
    expect(chain.length).toBe(2)
  })

  it('stops at once on a forged signature: no retry, a security error', async () => {
    simulator.faults = { forgeSignature: true }
    try {
      const error = await service()
        .capture({ finger: 'right-index' })
        .catch((e: unknown) => e)
      expect(error).toBeInstanceOf(SbiSecurityError)
      expect(simulator.requests.filter((r) => r.startsWith('RCAPTURE')).length).toBeGreaterThan(0)
    } finally {
      simulator.faults = {}
    }
  })
})
