import { createServer, type Server } from 'node:net'
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { readFingerImageRecord } from '../records'
import { SbiClient } from './client'
import { discoverSbiServices } from './discovery'
import { SbiError, SbiSecurityError } from './errors'
import { SBI_FIRST_PREVIOUS_HASH, SbiHashChain, sbiCaptureHash } from './hash-chain'
import { sbiRequest } from './http'
import { base64url, signJws, verifyJws } from './jws'
import { SbiHttpRequestReader } from '../sim/sbi-http'
import { createSbiSimulatorIdentity } from '../sim/sbi-device'
import { SbiServiceSimulator } from '../sim/sbi-service'
import { MultipartReader } from './multipart'

let simulator: SbiServiceSimulator
let port: number

beforeAll(async () => {
  simulator = SbiServiceSimulator.create({ encoding: 'png', streamIntervalMs: 50 })
  port = await simulator.start()
}, 30_000)
afterAll(() => simulator.stop())

const client = () => new SbiClient({ port, trust: simulator.trust })
let transaction = 0
const captureOptions = (fingers: ('right-index' | 'left-thumb')[] = ['right-index']) => ({
  deviceId: 'KIOSK-SIM-FP-1',
  deviceSubId: '0',
  fingers,
  requestedScore: 60,
  timeoutMs: 10_000,
  transactionId: `kiosk-test-${++transaction}`,
})

describe('SBI discovery and device info against the simulator', { timeout: 60_000 }, () => {
  it('binds 127.0.0.1 in 4501–4600 and answers SBIDISC', async () => {
    expect(port).toBeGreaterThanOrEqual(4501)
    expect(port).toBeLessThanOrEqual(4600)
    const { verb, devices } = await client().discover()
    expect(verb).toBe('SBIDISC')
    expect(devices[0]).toMatchObject({
      deviceId: 'KIOSK-SIM-FP-1',
      deviceStatus: 'Ready',
      purpose: 'Registration',
      specVersion: ['0.9.5', '1.0'],
    })
  })

  it('falls back to MOSIPDISC for a 0.9.5-only service (as MockMDS is)', async () => {
    const old = SbiServiceSimulator.create({
      discoveryVerbs: ['MOSIPDISC'],
      identity: simulator.identity,
    })
    const oldPort = await old.start()
    try {
      const { verb } = await new SbiClient({ port: oldPort, trust: simulator.trust }).discover()
      expect(verb).toBe('MOSIPDISC')
      expect(old.requests.slice(0, 2)).toEqual(['SBIDISC /device', 'MOSIPDISC /device'])
    } finally {
      await old.stop()
    }
  })

  it('scans a port range with bounded concurrency, skipping closed and hung ports in time', async () => {
    // A port that accepts connections and never answers must cost one short timeout, not a hang.
    const hung: Server = createServer(() => undefined)
    await new Promise<void>((r) => hung.listen(0, '127.0.0.1', () => r()))
    const hungPort = (hung.address() as { port: number }).port
    try {
      const started = Date.now()
      const services = await discoverSbiServices({
        from: port - 3,
        to: port + 3,
        timeoutMs: 300,
        concurrency: 4,
      })
      const withHung = await discoverSbiServices({ from: hungPort, to: hungPort, timeoutMs: 300 })
      expect(services.map((s) => s.port)).toContain(port)
      expect(withHung).toEqual([])
      expect(Date.now() - started).toBeLessThan(3000)
    } finally {
      hung.close()
    }
  })

  it('verifies the signed device info against the provider CA', async () => {
    const [info] = await client().deviceInfo()
    expect(info).toMatchObject({ signed: true, digitalId: { model: 'SIM-FAP30', type: 'Finger' } })
  })

  it('refuses the device info when the CA is not trusted', async () => {
    const stranger = createSbiSimulatorIdentity(new Date())
    const untrusting = new SbiClient({ port, trust: { certificates: [stranger.ca.certificate] } })
    await expect(untrusting.deviceInfo()).rejects.toMatchObject({ kind: 'untrusted-certificate' })
  })
})

describe('SBI registration capture', { timeout: 60_000 }, () => {
  it('returns a verified ISO 19794-4 record with the device NFIQ 2 and chains the hashes', async () => {
    const chain = new SbiHashChain()
    const [first] = await client().capture(captureOptions(), chain)
    expect(first).toMatchObject({ finger: 'right-index', qualityScore: 78 })
    expect(chain.length).toBe(1)
    expect(chain.previousHash).toBe(sbiCaptureHash(SBI_FIRST_PREVIOUS_HASH, first!.isoRecord))
    const { images } = await readFingerImageRecord(first!.isoRecord)
    expect(images[0]).toMatchObject({
      finger: 'right-index',
      position: 2,
      image: { width: 400, height: 500, ppi: 500 },
    })

    const [second] = await client().capture(
      { ...captureOptions(), transactionId: first!.data.transactionId },
      chain,
    )
    expect(chain.length).toBe(2)
    expect(chain.previousHash).toBe(sbiCaptureHash(first!.hash, second!.isoRecord))
  })

  it('chains several fingers of one answer in order', async () => {
    const chain = new SbiHashChain()
    const fingers = await client().capture(captureOptions(['left-thumb', 'right-index']), chain)
    expect(fingers.map((f) => f.finger)).toEqual(['left-thumb', 'right-index'])
    expect(chain.length).toBe(2)
  })

  it('rejects a forged signature and leaves the chain where it was', async () => {
    const chain = new SbiHashChain()
    simulator.faults = { forgeSignature: true }
    try {
      const error = await client()
        .capture(captureOptions(), chain)
        .catch((e: unknown) => e)
      expect(error).toBeInstanceOf(SbiSecurityError)
      expect(error).toMatchObject({ kind: 'bad-signature', retryable: false })
      expect(chain.length).toBe(0)
    } finally {
      simulator.faults = {}
    }
  })

  it('rejects a valid signature by a certificate nobody trusts', async () => {
    simulator.faults = { untrustedCertificate: true }
    try {
      await expect(client().capture(captureOptions(), new SbiHashChain())).rejects.toMatchObject({
        kind: 'untrusted-certificate',
      })
    } finally {
      simulator.faults = {}
    }
  })

  it('rejects a broken hash chain', async () => {
    simulator.faults = { breakHashChain: true }
    try {
      await expect(client().capture(captureOptions(), new SbiHashChain())).rejects.toMatchObject({
        kind: 'broken-hash-chain',
      })
    } finally {
      simulator.faults = {}
    }
  })

  it('reports a busy device with its SBI error code (set through the admin endpoint)', async () => {
    const admin = (path: string, body: unknown) =>
      sbiRequest({ host: '127.0.0.1', port, method: 'POST', path, body, timeoutMs: 2000 })
    await admin('/admin/status', { type: 'Finger', deviceStatus: 'Busy' })
    try {
      const error = await client()
        .capture(captureOptions(), new SbiHashChain())
        .catch((e: unknown) => e)
      expect(error).toBeInstanceOf(SbiError)
      expect(error).toMatchObject({ kind: 'busy', deviceCode: '111' })
    } finally {
      await admin('/admin/status', { type: 'Finger', deviceStatus: 'Ready' })
    }
  })

  it('streams preview frames as multipart parts until stopped', async () => {
    const controller = new AbortController()
    const frames: { contentType: string; bytes: Uint8Array }[] = []
    await client().stream(
      {
        deviceId: 'KIOSK-SIM-FP-1',
        deviceSubId: '0',
        timeoutMs: 10_000,
        signal: controller.signal,
      },
      (frame) => {
        frames.push(frame)
        if (frames.length === 3) controller.abort()
      },
    )
    expect(frames).toHaveLength(3)
    expect(frames[0]!.contentType).toBe('image/png')
    expect(Buffer.from(frames[0]!.bytes.subarray(1, 4)).toString()).toBe('PNG')
  })
})

describe('JWS verification', () => {
  const identity = createSbiSimulatorIdentity(new Date('2025-01-01T00:00:00Z'))
  const trust = { certificates: [identity.ca.certificate] }
  const at = new Date('2025-06-01T00:00:00Z')
  const jws = signJws(
    '{"hello":"kiosk"}',
    identity.device.privateKey,
    identity.device.certificateDer,
  )

  it('accepts a device signature issued by the trusted CA', () => {
    expect(Buffer.from(verifyJws(jws, trust, at).payload).toString()).toBe('{"hello":"kiosk"}')
  })

  it('notices a changed payload', () => {
    const [h, , s] = jws.split('.')
    const tampered = `${h}.${base64url('{"hello":"forger"}')}.${s}`
    expect(() => verifyJws(tampered, trust, at)).toThrow(
      expect.objectContaining({ kind: 'bad-signature' }),
    )
  })

  it('refuses alg none and other algorithms', () => {
    const [, p] = jws.split('.')
    const header = base64url(JSON.stringify({ alg: 'none', x5c: ['AA=='] }))
    expect(() => verifyJws(`${header}.${p}.`, trust, at)).toThrow(
      expect.objectContaining({ kind: 'unsupported-algorithm' }),
    )
  })

  it('refuses a certificate outside its validity', () => {
    expect(() => verifyJws(jws, trust, new Date('2030-01-01T00:00:00Z'))).toThrow(
      expect.objectContaining({ kind: 'expired-certificate' }),
    )
  })

  it('throws only SbiSecurityError on arbitrary input', () => {
    fc.assert(
      fc.property(fc.string(), (text) => {
        try {
          verifyJws(text, trust, at)
        } catch (error) {
          if (!(error instanceof SbiSecurityError)) throw error
        }
      }),
    )
  })
})

describe('SBI hash chain', () => {
  it('starts from the SHA-256 of nothing', () => {
    expect(SBI_FIRST_PREVIOUS_HASH).toBe(
      'E3B0C44298FC1C149AFBF4C8996FB92427AE41E4649B934CA495991B7852B855',
    )
  })

  it('moves only for a capture whose hash follows', () => {
    const chain = new SbiHashChain()
    const record = Uint8Array.of(1, 2, 3)
    expect(() =>
      chain.append(record, sbiCaptureHash(SBI_FIRST_PREVIOUS_HASH, Uint8Array.of(9))),
    ).toThrow(SbiSecurityError)
    chain.append(record, sbiCaptureHash(SBI_FIRST_PREVIOUS_HASH, record).toLowerCase())
    expect(chain.length).toBe(1)
  })
})

describe('hand-written HTTP and multipart parsers', () => {
  it('reads a request with a custom verb and a body split anywhere', () => {
    const wire = Buffer.from('RCAPTURE /capture HTTP/1.1\r\nContent-Length: 2\r\nHost: x\r\n\r\n{}')
    for (let cut = 0; cut < wire.length; cut++) {
      const reader = new SbiHttpRequestReader()
      const first = reader.push(wire.subarray(0, cut))
      const request = first === 'more' ? reader.push(wire.subarray(cut)) : first
      expect(request).toMatchObject({
        method: 'RCAPTURE',
        path: '/capture',
        headers: { host: 'x' },
      })
    }
  })

  it('never throws on arbitrary request bytes', () => {
    fc.assert(
      fc.property(fc.array(fc.uint8Array({ maxLength: 200 }), { maxLength: 5 }), (chunks) => {
        const reader = new SbiHttpRequestReader()
        for (const c of chunks) {
          const r = reader.push(Buffer.from(c))
          if (r !== 'more') break
        }
      }),
    )
  })

  it('cuts a multipart stream into parts however it arrives', () => {
    fc.assert(
      fc.property(
        fc.array(fc.uint8Array({ maxLength: 50 }), { minLength: 1, maxLength: 4 }),
        fc.integer({ min: 1, max: 40 }),
        (bodies, step) => {
          const wire = Buffer.concat(
            bodies.flatMap((b) => [
              Buffer.from(
                `----B\r\nContent-Type: image/jpeg\r\nContent-Length: ${b.length}\r\n\r\n`,
              ),
              Buffer.from(b),
              Buffer.from('\r\n'),
            ]),
          )
          const reader = new MultipartReader('--B')
          const parts = []
          for (let at = 0; at < wire.length; at += step)
            parts.push(...reader.push(wire.subarray(at, at + step)))
          expect(parts.map((p) => Buffer.from(p.body).toString('hex'))).toEqual(
            bodies.map((b) => Buffer.from(b).toString('hex')),
          )
        },
      ),
    )
  })
})
