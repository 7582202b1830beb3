import { createServer, type Server, type Socket } from 'node:net'
import type { FingerImage, FingerName } from '../finger-image'
import { buildFingerImageRecord, encodeFingerImage, type FingerImageEncoding } from '../records'
import { SYNTHETIC_SIZES, syntheticEmptyFrame, syntheticFingerImage } from '../synthetic'
import type { KeyIdentity } from '../sbi/certificates'
import { sbiCaptureHash } from '../sbi/hash-chain'
import { base64url, signJws, type SbiTrust } from '../sbi/jws'
import {
  fingerFromSbiName,
  SBI_HOST,
  SBI_PORT_RANGE,
  SBI_VERB,
  SbiCaptureRequestSchema,
  SbiStreamRequestSchema,
} from '../sbi/protocol'
import {
  createSbiSimulatorIdentity,
  SIM_SBI_DEVICE_ID,
  SIM_SBI_SERIAL,
  simulatedDeviceDescriptor,
  simulatedDigitalId,
  type SbiDeviceStatus,
  type SbiSimulatorIdentity,
} from './sbi-device'
import { SbiHttpRequestReader, writeJsonResponse, type SbiHttpRequest } from './sbi-http'
import { safeParse } from '../../../lib/schema'

/** Misbehaviours the simulator can be told to show, to test that the client catches them. */
export interface SbiSimulatorFaults {
  /** Sign capture data with a key that is not the certificate's. */
  forgeSignature?: boolean
  /** Sign with a fresh self-made CA and device certificate (valid, but not trusted). */
  untrustedCertificate?: boolean
  /** Return hashes that ignore the request's previousHash. */
  breakHashChain?: boolean
}

export interface SbiSimulatorOptions {
  host?: string
  /** A fixed port; otherwise the first free one of 4501–4600, as MOSIP's MockMDS does. */
  port?: number
  portRange?: { from: number; to: number }
  now?: () => Date
  /** The virtual citizen on the scanner (the synthetic generator's seed). */
  citizenId?: string
  /** Image compression in the ISO record (registration: JPEG 2000 lossless). */
  encoding?: FingerImageEncoding
  /** Which discovery verbs the service understands (MockMDS knows only MOSIPDISC). */
  discoveryVerbs?: string[]
  /** The NFIQ 2 score the simulated device claims for its captures. */
  qualityScore?: number
  /** Time a capture takes (the device waiting for the finger). */
  captureDelayMs?: number
  /** Preview frame period of STREAM (MOSIP asks for at least 3 frames per second). */
  streamIntervalMs?: number
  identity?: SbiSimulatorIdentity
}

/**
 * A MOSIP SBI service for simulated mode and tests: a single-finger registration device on
 * 127.0.0.1 speaking MOSIPDISC/SBIDISC, MOSIPDINFO, RCAPTURE and STREAM over HTTP/1.1 parsed by
 * hand on a `net.Server` (Node's HTTP server rejects these verbs). Captures are synthetic prints in
 * signed ISO 19794-4 records, chained by previousHash. Admin endpoints (POST /admin/status, /score,
 * /delay, /fault) follow MockMDS.
 */
export class SbiServiceSimulator {
  status: SbiDeviceStatus = 'Ready'
  qualityScore: number
  captureDelayMs: number
  faults: SbiSimulatorFaults = {}
  /** Request lines seen, for tests. */
  readonly requests: string[] = []
  captures = 0

  private server: Server | null = null
  private boundPort = 0
  private readonly now: () => Date
  private readonly sockets = new Set<Socket>()
  /** The last image captured, shown by STREAM (re-rendering prints per frame would be too slow). */
  private lastImage: { capture: number; image: FingerImage } | null = null
  private impostor: SbiSimulatorIdentity | null = null
  private frameCache = new Map<string, Uint8Array>()

  private constructor(
    private readonly options: SbiSimulatorOptions,
    readonly identity: SbiSimulatorIdentity,
  ) {
    this.now = options.now ?? (() => new Date())
    this.qualityScore = options.qualityScore ?? 78
    this.captureDelayMs = options.captureDelayMs ?? 0
  }

  static create(options: SbiSimulatorOptions = {}): SbiServiceSimulator {
    const now = (options.now ?? (() => new Date()))()
    return new SbiServiceSimulator(options, options.identity ?? createSbiSimulatorIdentity(now))
  }

  /** What a kiosk must trust to accept this device: its provider CA. */
  get trust(): SbiTrust {
    return { certificates: [this.identity.ca.certificate] }
  }

  get port(): number {
    return this.boundPort
  }

  /** Listens on the fixed port, or on the first free one of the range; resolves with the port. */
  async start(): Promise<number> {
    const range = this.options.portRange ?? SBI_PORT_RANGE
    const candidates =
      this.options.port !== undefined
        ? [this.options.port]
        : Array.from({ length: range.to - range.from + 1 }, (_, i) => range.from + i)
    for (const port of candidates) {
      const server = createServer((socket) => this.accept(socket))
      const ok = await new Promise<boolean>((resolve, reject) => {
        server.once('error', (error: NodeJS.ErrnoException) =>
          error.code === 'EADDRINUSE' ? resolve(false) : reject(error),
        )
        server.listen(port, this.options.host ?? SBI_HOST, () => resolve(true))
      })
      if (ok) {
        this.server = server
        const address = server.address()
        this.boundPort = typeof address === 'object' && address ? address.port : port
        return this.boundPort
      }
    }
    throw new Error(`SBI simulator: no free port in ${candidates[0]}–${candidates.at(-1)}`)
  }

  async stop(): Promise<void> {
    for (const socket of this.sockets) socket.destroy()
    const server = this.server
    this.server = null
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()))
  }

  // ---- HTTP -------------------------------------------------------------------------------------

  private accept(socket: Socket): void {
    this.sockets.add(socket)
    socket.on('close', () => this.sockets.delete(socket))
    socket.on('error', () => undefined)
    const reader = new SbiHttpRequestReader()
    const onData = (chunk: Buffer) => {
      const request = reader.push(chunk)
      if (request === 'more') return
      socket.off('data', onData)
      if (!request) return writeJsonResponse(socket, this.boundPort, 400, { error: 'bad request' })
      this.requests.push(`${request.method} ${request.path}`)
      this.handle(socket, request).catch((error: unknown) => {
        if (!socket.destroyed) {
          writeJsonResponse(socket, this.boundPort, 500, { error: String(error) })
        }
      })
    }
    socket.on('data', onData)
  }

  private async handle(socket: Socket, request: SbiHttpRequest): Promise<void> {
    const reply = (status: number, value: unknown) =>
      writeJsonResponse(socket, this.boundPort, status, value)
    const body = parseBody(request.body)
    const verbs = this.options.discoveryVerbs ?? [SBI_VERB.DISCOVER_095, SBI_VERB.DISCOVER_10]
    if (request.path === '/device' && verbs.includes(request.method)) {
      const type = typeof body === 'object' && body ? (body as { type?: unknown }).type : undefined
      const matches = type === undefined || type === 'Biometric Device' || type === 'Finger'
      return reply(200, matches ? [this.descriptor(null)] : [])
    }
    if (request.method === SBI_VERB.INFO && request.path === '/info') {
      const info = signJws(
        JSON.stringify(this.descriptor(this.identity.device)),
        this.identity.device.privateKey,
        this.identity.device.certificateDer,
      )
      return reply(200, [{ deviceInfo: info, error: { errorCode: '0', errorInfo: 'Success' } }])
    }
    if (request.method === SBI_VERB.REGISTRATION_CAPTURE && request.path === '/capture') {
      return reply(200, await this.capture(body))
    }
    if (request.method === SBI_VERB.STREAM && request.path === '/stream') {
      return this.stream(socket, body)
    }
    if (request.method === 'POST' && request.path.startsWith('/admin/')) {
      return reply(200, this.admin(request.path.slice('/admin/'.length), body))
    }
    reply(405, { error: `${request.method} ${request.path} not supported` })
  }

  private admin(what: string, body: unknown): unknown {
    const value = (typeof body === 'object' && body ? body : {}) as Record<string, unknown>
    if (what === 'status' && typeof value.deviceStatus === 'string') {
      this.status = value.deviceStatus as SbiDeviceStatus
    } else if (what === 'score' && value.qualityScore !== undefined) {
      this.qualityScore = Number(value.qualityScore)
    } else if (what === 'delay' && value.delay !== undefined) {
      this.captureDelayMs = Number(value.delay)
    } else if (what === 'fault') {
      this.faults = value as SbiSimulatorFaults
    } else {
      return { errorCode: '400', errorInfo: `unknown admin request ${what}` }
    }
    return { errorCode: '0', errorInfo: 'Success' }
  }

  // ---- device behaviour -------------------------------------------------------------------------

  private descriptor(signer: KeyIdentity | null) {
    return simulatedDeviceDescriptor({
      status: this.status,
      port: this.boundPort,
      now: this.now(),
      signer,
    })
  }

  private async capture(body: unknown): Promise<unknown> {
    const fail = (errorCode: string, errorInfo: string) => ({
      biometrics: [{ specVersion: '0.9.5', data: '', hash: '', error: { errorCode, errorInfo } }],
    })
    const parsed = safeParse(SbiCaptureRequestSchema, body)
    if (!parsed.success) return fail('101', `invalid request: ${parsed.error.issues[0]?.message}`)
    const request = parsed.data
    const bio = request.bio[0]
    if (!bio || bio.type !== 'Finger') return fail('109', 'only Finger is supported')
    if (bio.deviceId !== SIM_SBI_DEVICE_ID) return fail('106', 'device not found')
    if (this.status === 'Busy') return fail('111', 'device busy')
    if (this.status === 'Not Ready') return fail('110', 'device not ready')
    if (this.status === 'Not Registered') return fail('100', 'device not registered')
    const fingers = bio.bioSubType.map(fingerFromSbiName)
    if (fingers.length === 0 || fingers.some((f) => f === null) || fingers.length !== bio.count) {
      return fail('109', 'count or bioSubType not supported')
    }
    this.status = 'Busy'
    try {
      if (this.captureDelayMs > 0) await new Promise((r) => setTimeout(r, this.captureDelayMs))
      const signer = this.signer()
      const biometrics: { specVersion: string; data: string; hash: string; error: object }[] = []
      let previousHash = bio.previousHash
      for (const [index, finger] of (fingers as FingerName[]).entries()) {
        const image = syntheticFingerImage({
          citizenId: this.options.citizenId ?? 'training-citizen',
          finger,
          attempt: this.captures++,
          size: SYNTHETIC_SIZES.fap30,
        })
        this.lastImage = { capture: this.captures, image }
        const record = await buildFingerImageRecord(
          [
            {
              finger,
              image,
              captureTime: this.now(),
              quality: { score: this.qualityScore, source: 'device-nfiq2' },
            },
          ],
          { encoding: this.options.encoding ?? 'jpeg2000-lossless' },
        )
        const data = {
          digitalId: signJws(
            JSON.stringify(simulatedDigitalId(this.now())),
            signer.key,
            signer.certificate,
          ),
          deviceCode: SIM_SBI_SERIAL,
          deviceServiceVersion: '1.0.0',
          bioType: 'Finger',
          bioSubType: bio.bioSubType[index] ?? '',
          purpose: 'Registration',
          env: request.env,
          bioValue: base64url(record),
          transactionId: request.transactionId,
          timestamp: this.now().toISOString(),
          requestedScore: bio.requestedScore,
          qualityScore: this.qualityScore,
        }
        const hash = sbiCaptureHash(
          this.faults.breakHashChain || !/^[0-9A-Fa-f]{64}$/.test(previousHash)
            ? '0'.repeat(64)
            : previousHash,
          record,
        )
        previousHash = hash
        biometrics.push({
          specVersion: request.specVersion,
          data: signJws(JSON.stringify(data), signer.forgedKey ?? signer.key, signer.certificate),
          hash,
          error: { errorCode: '0', errorInfo: 'Success' },
        })
      }
      return { biometrics }
    } finally {
      this.status = 'Ready'
    }
  }

  private signer() {
    if (this.faults.untrustedCertificate) {
      this.impostor ??= createSbiSimulatorIdentity(this.now())
      return {
        key: this.impostor.device.privateKey,
        certificate: this.impostor.device.certificateDer,
        forgedKey: null,
      }
    }
    return {
      key: this.identity.device.privateKey,
      certificate: this.identity.device.certificateDer,
      forgedKey: this.faults.forgeSignature ? this.identity.ca.privateKey : null,
    }
  }

  /** STREAM: multipart/x-mixed-replace preview frames until the timeout or the client leaves. */
  private async stream(socket: Socket, body: unknown): Promise<void> {
    const parsed = safeParse(SbiStreamRequestSchema, body)
    if (!parsed.success || parsed.data.deviceId !== SIM_SBI_DEVICE_ID) {
      return writeJsonResponse(socket, this.boundPort, 200, {
        error: { errorCode: '106', errorInfo: 'device not found' },
      })
    }
    const boundary = '--BoundaryString'
    socket.write(
      [
        'HTTP/1.1 200 OK',
        `Content-Type: multipart/x-mixed-replace; boundary=${boundary}`,
        'Cache-Control: no-store',
        'Connection: close',
        '',
        '',
      ].join('\r\n'),
    )
    const deadline = Date.now() + (parsed.data.timeout ?? 300_000)
    const interval = this.options.streamIntervalMs ?? 300
    let frame = 0
    while (!socket.destroyed && Date.now() < deadline && this.server) {
      const png = await this.previewFrame(frame++)
      socket.write(
        Buffer.concat([
          Buffer.from(
            `--${boundary}\r\nContent-Type: image/png\r\nContent-Length: ${png.length}\r\n\r\n`,
          ),
          png,
          Buffer.from('\r\n'),
        ]),
      )
      await new Promise((r) => setTimeout(r, interval))
    }
    socket.end()
  }

  /**
   * Preview frames are PNG (a real device sends JPEG; the client passes either through unchanged):
   * the last captured finger, or the empty platen before any capture.
   */
  private async previewFrame(n: number): Promise<Uint8Array> {
    const last = this.lastImage
    const key = last ? `capture:${last.capture}` : `empty:${n % 2}`
    const cached = this.frameCache.get(key)
    if (cached) return cached
    const image = last?.image ?? syntheticEmptyFrame(n % 2, SYNTHETIC_SIZES.fap30)
    const png = await encodeFingerImage(image, 'png')
    if (this.frameCache.size > 8) this.frameCache.clear()
    this.frameCache.set(key, png)
    return png
  }
}

function parseBody(body: Buffer): unknown {
  if (body.length === 0) return undefined
  try {
    return JSON.parse(body.toString('utf8'))
  } catch {
    return undefined
  }
}
