import { SBI_FIRST_PREVIOUS_HASH } from '../../../drivers/fingerprint/sbi/hash-chain'
import { openSbiRequest, sbiRequest } from '../../../drivers/fingerprint/sbi/http'
import {
  SBI_HOST,
  SBI_VERB,
  type SbiCaptureRequestBody,
} from '../../../drivers/fingerprint/sbi/protocol'
import { SIM_SBI_DEVICE_ID } from '../../../drivers/fingerprint/sim/sbi-device'
import { SbiServiceSimulator } from '../../../drivers/fingerprint/sim/sbi-service'
import { FUZZ_NOW, fixtureSbiIdentity } from '../fixtures/fixture-keys'

export const SEED_TRANSACTION = 'fuzz-transaction-1'

/** What the SBI simulator answered, recorded over real loopback HTTP. */
export interface SbiRecording {
  discovery: Buffer
  deviceInfo: Buffer
  /** RCAPTURE answers: one finger, then two. */
  captures: Buffer[]
  stream: { contentType: string; body: Buffer }
}

export function captureRequest(fingers: readonly string[]): SbiCaptureRequestBody {
  return {
    env: 'Developer',
    purpose: 'Registration',
    specVersion: '0.9.5',
    timeout: 10_000,
    captureTime: FUZZ_NOW.toISOString(),
    transactionId: SEED_TRANSACTION,
    bio: [
      {
        type: 'Finger',
        count: fingers.length,
        bioSubType: [...fingers],
        exception: [],
        requestedScore: 40,
        deviceId: SIM_SBI_DEVICE_ID,
        deviceSubId: '1',
        previousHash: SBI_FIRST_PREVIOUS_HASH,
      },
    ],
    customOpts: null,
  }
}

let recording: Promise<SbiRecording> | undefined

/** Starts the SBI simulator (fixed identity and clock) on a free port and records its answers. */
export function recordSbiSimulator(): Promise<SbiRecording> {
  recording ??= (async () => {
    const simulator = SbiServiceSimulator.create({
      identity: fixtureSbiIdentity(),
      now: () => FUZZ_NOW,
      citizenId: 'fuzz-sbi',
      streamIntervalMs: 20,
      portRange: { from: 4700, to: 4799 },
    })
    const port = await simulator.start()
    try {
      const call = (method: string, path: string, body: unknown) =>
        sbiRequest({ host: SBI_HOST, port, method, path, body, timeoutMs: 30_000 }).then(
          (r) => r.body,
        )
      const discovery = await call(SBI_VERB.DISCOVER_10, '/device', { type: 'Finger' })
      const deviceInfo = await call(SBI_VERB.INFO, '/info', {})
      const captures = [
        await call(
          SBI_VERB.REGISTRATION_CAPTURE,
          '/capture',
          captureRequest(['Right IndexFinger']),
        ),
        await call(
          SBI_VERB.REGISTRATION_CAPTURE,
          '/capture',
          captureRequest(['Left Thumb', 'Right Thumb']),
        ),
      ]
      const response = await openSbiRequest({
        host: SBI_HOST,
        port,
        method: SBI_VERB.STREAM,
        path: '/stream',
        body: { deviceId: SIM_SBI_DEVICE_ID, deviceSubId: '1', timeout: 90 },
        timeoutMs: 10_000,
      })
      const chunks: Buffer[] = []
      await new Promise<void>((resolve) => {
        response.on('data', (c: Buffer) => chunks.push(c))
        response.on('end', resolve)
        response.on('close', resolve)
      })
      const stream = {
        contentType: String(response.headers['content-type']),
        body: Buffer.concat(chunks),
      }
      return { discovery, deviceInfo, captures, stream }
    } finally {
      await simulator.stop()
    }
  })()
  return recording
}
