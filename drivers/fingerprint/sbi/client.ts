import type { X509Certificate } from 'node:crypto'
import type { z } from 'zod'
import type { FingerName } from '../finger-image'
import { SbiError, SbiSecurityError } from './errors'
import type { SbiHashChain } from './hash-chain'
import { jsonBody, openSbiRequest, sbiRequest } from './http'
import { fromBase64url, verifyJws, type SbiTrust } from './jws'
import { boundaryOf, MultipartReader } from './multipart'
import {
  fingerFromSbiName,
  SBI_FINGER_NAMES,
  SBI_HOST,
  SBI_VERB,
  SbiCaptureDataSchema,
  SbiCaptureResponseSchema,
  SbiDeviceInfoResponseSchema,
  SbiDeviceSchema,
  SbiDigitalIdSchema,
  SbiDiscoveryResponseSchema,
  type SbiCaptureData,
  type SbiCaptureRequestBody,
  type SbiDevice,
  type SbiDigitalId,
} from './protocol'
import { safeParse } from '../../../lib/schema'

export interface SbiClientOptions {
  port: number
  host?: string
  /** Device-provider CAs or pinned device certificates. */
  trust: SbiTrust
  now?: () => Date
  /** Deadline of the short calls (discovery, info). */
  timeoutMs?: number
}

export interface SbiDeviceInfo {
  device: SbiDevice
  /** The digital ID, verified when the device is registered (signed), else as sent. */
  digitalId: SbiDigitalId | null
  signed: boolean
}

export interface SbiCaptureOptions {
  deviceId: string
  deviceSubId: string
  fingers: FingerName[]
  /** Registration NFIQ 2 target; the device returns its best frame even below it. */
  requestedScore: number
  timeoutMs: number
  transactionId: string
  env?: string
  specVersion?: string
  exceptions?: FingerName[]
  signal?: AbortSignal
}

export interface SbiCapturedFinger {
  finger: FingerName
  /** The ISO/IEC 19794-4 record exactly as the device signed it. */
  isoRecord: Uint8Array
  /** The device's NFIQ 2 (0–100). */
  qualityScore: number
  data: SbiCaptureData
  digitalId: SbiDigitalId
  certificate: X509Certificate
  hash: string
  /** Bytes of the HTTP response body. */
  responseBytes: number
}

export interface SbiFrame {
  contentType: string
  bytes: Uint8Array
}

/** A MOSIP SBI service on one loopback port: discovery, device info, registration capture, stream. */
export class SbiClient {
  readonly host: string
  readonly port: number
  private readonly trust: SbiTrust
  private readonly now: () => Date
  private readonly timeoutMs: number

  constructor(options: SbiClientOptions) {
    this.host = options.host ?? SBI_HOST
    this.port = options.port
    this.trust = options.trust
    this.now = options.now ?? (() => new Date())
    this.timeoutMs = options.timeoutMs ?? 2000
  }

  /** SBIDISC (SBI 1.0) first, then MOSIPDISC (0.9.5) for older services. */
  async discover(type = 'Finger'): Promise<{ verb: string; devices: SbiDevice[] }> {
    let lastError: unknown = null
    for (const verb of [SBI_VERB.DISCOVER_10, SBI_VERB.DISCOVER_095]) {
      try {
        const response = await this.call(verb, '/device', { type })
        return { verb, devices: parse(SbiDiscoveryResponseSchema, jsonBody(response, verb), verb) }
      } catch (error) {
        // Nobody listening: the other verb will not help.
        if (error instanceof SbiError && error.kind === 'unreachable') throw error
        lastError = error
      }
    }
    throw lastError
  }

  /** MOSIPDINFO: each device's signed info, verified against the trust store when signed. */
  async deviceInfo(): Promise<SbiDeviceInfo[]> {
    const response = await this.call(SBI_VERB.INFO, '/info', {})
    const entries = parse(
      SbiDeviceInfoResponseSchema,
      jsonBody(response, 'MOSIPDINFO'),
      'MOSIPDINFO',
    )
    return entries.map((entry) => {
      const signed = entry.deviceInfo.split('.').length === 3
      const payload = signed
        ? verifyJws(entry.deviceInfo, this.trust, this.now()).payload
        : fromBase64url(entry.deviceInfo, 'deviceInfo')
      const device = parse(SbiDeviceSchema, parseJson(payload, 'deviceInfo'), 'deviceInfo')
      return { device, digitalId: this.readDigitalId(device.digitalId, signed), signed }
    })
  }

  /**
   * RCAPTURE: the device waits for the finger, captures, signs. Every returned capture is verified:
   * JWS and digital ID against the trust store, transaction and finger against the request, and the
   * hash chain (which moves on only for captures that verify).
   */
  async capture(options: SbiCaptureOptions, chain: SbiHashChain): Promise<SbiCapturedFinger[]> {
    const body: SbiCaptureRequestBody = {
      env: options.env ?? 'Developer',
      purpose: 'Registration',
      specVersion: options.specVersion ?? '0.9.5',
      timeout: options.timeoutMs,
      captureTime: this.now().toISOString(),
      transactionId: options.transactionId,
      bio: [
        {
          type: 'Finger',
          count: options.fingers.length,
          bioSubType: options.fingers.map((f) => SBI_FINGER_NAMES[f]),
          exception: (options.exceptions ?? []).map((f) => SBI_FINGER_NAMES[f]),
          requestedScore: options.requestedScore,
          deviceId: options.deviceId,
          deviceSubId: options.deviceSubId,
          previousHash: chain.previousHash,
        },
      ],
      customOpts: null,
    }
    const response = await sbiRequest({
      host: this.host,
      port: this.port,
      method: SBI_VERB.REGISTRATION_CAPTURE,
      path: '/capture',
      body,
      timeoutMs: options.timeoutMs + 5000,
      ...(options.signal ? { signal: options.signal } : {}),
    })
    const parsed = parse(SbiCaptureResponseSchema, jsonBody(response, 'RCAPTURE'), 'RCAPTURE')
    const results: SbiCapturedFinger[] = []
    for (const biometric of parsed.biometrics) {
      const errorCode = biometric.error?.errorCode ?? '0'
      if (errorCode !== '0') {
        const kind = errorCode === '111' ? 'busy' : 'device-error'
        throw new SbiError(
          kind,
          `${errorCode} ${biometric.error?.errorInfo ?? ''}`.trim(),
          errorCode,
        )
      }
      const verified = verifyJws(biometric.data, this.trust, this.now())
      const data = parse(
        SbiCaptureDataSchema,
        parseJson(verified.payload, 'capture data'),
        'capture data',
      )
      const digitalId = this.readDigitalId(data.digitalId, true)
      if (!digitalId || digitalId.type !== 'Finger') {
        throw new SbiSecurityError('mismatch', `digital ID type ${digitalId?.type ?? 'none'}`)
      }
      if (data.transactionId !== options.transactionId) {
        throw new SbiSecurityError('mismatch', `transaction ${data.transactionId}`)
      }
      const finger = fingerFromSbiName(data.bioSubType)
      if (!finger || !options.fingers.includes(finger) || data.bioType !== 'Finger') {
        throw new SbiSecurityError(
          'mismatch',
          `${data.bioType} ${data.bioSubType} was not requested`,
        )
      }
      const isoRecord = fromBase64url(data.bioValue, 'bioValue')
      chain.append(isoRecord, biometric.hash)
      results.push({
        finger,
        isoRecord,
        qualityScore: data.qualityScore,
        data,
        digitalId,
        certificate: verified.certificate,
        hash: biometric.hash.toUpperCase(),
        responseBytes: response.body.length,
      })
    }
    if (results.length === 0) throw new SbiError('bad-response', 'RCAPTURE returned no biometrics')
    return results
  }

  /** STREAM: live preview frames until the device ends it, the timeout, or `signal`. */
  async stream(
    options: { deviceId: string; deviceSubId: string; timeoutMs: number; signal?: AbortSignal },
    onFrame: (frame: SbiFrame) => void,
  ): Promise<void> {
    const response = await openSbiRequest({
      host: this.host,
      port: this.port,
      method: SBI_VERB.STREAM,
      path: '/stream',
      body: {
        deviceId: options.deviceId,
        deviceSubId: options.deviceSubId,
        timeout: options.timeoutMs,
      },
      timeoutMs: this.timeoutMs,
      ...(options.signal ? { signal: options.signal } : {}),
    })
    const boundary = boundaryOf(response.headers['content-type'])
    if (response.statusCode !== 200 || !boundary) {
      response.destroy()
      throw new SbiError(
        'bad-response',
        `STREAM: HTTP ${response.statusCode}, ${response.headers['content-type']}`,
      )
    }
    const reader = new MultipartReader(boundary)
    await new Promise<void>((resolve, reject) => {
      response.on('data', (chunk: Buffer) => {
        for (const part of reader.push(chunk)) {
          onFrame({
            contentType: part.headers['content-type'] ?? 'application/octet-stream',
            bytes: part.body,
          })
        }
      })
      response.on('end', resolve)
      response.on('close', resolve)
      response.on('error', (error) =>
        error.name === 'AbortError'
          ? resolve()
          : reject(new SbiError('unreachable', error.message)),
      )
    })
  }

  private readDigitalId(text: string, signed: boolean): SbiDigitalId | null {
    const isJws = text.split('.').length === 3
    if (signed && !isJws) throw new SbiSecurityError('malformed-jws', 'digital ID is not signed')
    const payload = isJws
      ? verifyJws(text, this.trust, this.now()).payload
      : fromBase64url(text, 'digitalId')
    const result = safeParse(SbiDigitalIdSchema, parseJson(payload, 'digitalId'))
    return result.success ? result.data : null
  }

  private call(method: string, path: string, body: unknown) {
    return sbiRequest({
      host: this.host,
      port: this.port,
      method,
      path,
      body,
      timeoutMs: this.timeoutMs,
    })
  }
}

function parseJson(bytes: Uint8Array, what: string): unknown {
  try {
    return JSON.parse(Buffer.from(bytes).toString('utf8'))
  } catch {
    throw new SbiError('bad-response', `${what} is not JSON`)
  }
}

function parse<S extends z.ZodType>(schema: S, value: unknown, what: string): z.output<S> {
  const result = safeParse(schema, value)
  if (!result.success) {
    throw new SbiError('bad-response', `${what}: ${result.error.issues[0]?.message ?? 'invalid'}`)
  }
  return result.data
}
