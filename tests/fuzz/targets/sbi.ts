import { EventEmitter } from 'node:events'
import http, { type IncomingHttpHeaders } from 'node:http'
import { syncBuiltinESMExports } from 'node:module'
import { Readable } from 'node:stream'
import fc from 'fast-check'
import { SbiClient } from '../../../drivers/fingerprint/sbi/client'
import { SbiError, SbiSecurityError } from '../../../drivers/fingerprint/sbi/errors'
import {
  SBI_FIRST_PREVIOUS_HASH,
  SbiHashChain,
  sbiCaptureHash,
} from '../../../drivers/fingerprint/sbi/hash-chain'
import { base64url, signJws } from '../../../drivers/fingerprint/sbi/jws'
import { boundaryOf, MultipartReader } from '../../../drivers/fingerprint/sbi/multipart'
import type { FingerName } from '../../../drivers/fingerprint/finger-image'
import { minChunk, randomBytes, randomJson, withSelector } from '../engine/generators'
import { prefixedJson, wholeJson } from '../engine/json-mutate'
import { instanceOfAny, type FuzzTarget } from '../engine/target'
import { joined } from '../engine/tlv-tree'
import { FUZZ_NOW, fixtureSbiIdentity } from '../fixtures/fixture-keys'
import { recordSbiSimulator, SEED_TRANSACTION } from '../seeds/sbi'

/**
 * The SBI client talks HTTP through node:http's `request`. For a hundred thousand cases a socket
 * each would measure the kernel, not the parser, so requests to FAKE_PORT are answered in process
 * with the case's bytes (every other port still goes to the real `request`).
 */
const FAKE_PORT = 1
let answer: { status: number; headers: IncomingHttpHeaders; body: Uint8Array } = {
  status: 200,
  headers: {},
  body: new Uint8Array(0),
}
let installed = false

function installFakeHttp(): void {
  if (installed) return
  installed = true
  const real = http.request
  const fake = (options: http.RequestOptions): http.ClientRequest => {
    const outgoing = new EventEmitter() as EventEmitter & {
      end(): void
      destroy(error?: Error): void
    }
    outgoing.end = () =>
      queueMicrotask(() => {
        const response = Object.assign(Readable.from([Buffer.from(answer.body)]), {
          statusCode: answer.status,
          headers: answer.headers,
        })
        outgoing.emit('response', response)
      })
    outgoing.destroy = (error?: Error) => {
      if (error) queueMicrotask(() => outgoing.emit('error', error))
    }
    void options
    return outgoing as unknown as http.ClientRequest
  }
  http.request = ((options: http.RequestOptions, callback?: (res: http.IncomingMessage) => void) =>
    options.port === FAKE_PORT ? fake(options) : real(options, callback)) as typeof http.request
  syncBuiltinESMExports()
}

const isSbiError = instanceOfAny(SbiError, SbiSecurityError)
const trust = () => ({ certificates: [fixtureSbiIdentity().ca.certificate] })
const FINGERS: FingerName[] = ['right-index', 'left-thumb', 'right-thumb']

function client(): SbiClient {
  return new SbiClient({ port: FAKE_PORT, trust: trust(), now: () => FUZZ_NOW, timeoutMs: 1000 })
}

function captureWith(c: SbiClient) {
  return c.capture(
    {
      deviceId: 'KIOSK-SIM-FP-1',
      deviceSubId: '1',
      fingers: FINGERS,
      requestedScore: 40,
      timeoutMs: 1000,
      transactionId: SEED_TRANSACTION,
    },
    new SbiHashChain(),
  )
}

/** Input: selector (low 2 bits: discover, device info, capture; next 2 bits: 3 = HTTP 500), body. */
export const sbiResponses: FuzzTarget = {
  name: 'sbi-responses',
  parses:
    "SbiClient.discover / deviceInfo / capture on the SBI service's answers: JSON, zod schemas, JWS (verifyJws, x5c, trust), digital ID, hash chain, base64url records",
  typedErrors: 'SbiError, SbiSecurityError',
  setup: async () => {
    installFakeHttp()
    const sim = await recordSbiSimulator()
    const seeds = [
      joined(Uint8Array.of(0), sim.discovery),
      joined(Uint8Array.of(1), sim.deviceInfo),
      ...sim.captures.map((c) => joined(Uint8Array.of(2), c)),
    ]
    const c = client()
    return {
      seeds,
      generated: withSelector(fc.oneof(randomJson(), randomBytes(200))),
      structure: { tlv: false, json: prefixedJson(1) },
      mode: 'async',
      execute: (input) => {
        const selector = input[0] ?? 0
        answer = {
          status: ((selector >> 2) & 3) === 3 ? 500 : 200,
          headers: { 'content-type': 'application/json' },
          body: input.subarray(1),
        }
        const verb = selector & 3
        if (verb === 0) return c.discover()
        if (verb === 1) return c.deviceInfo()
        return captureWith(c)
      },
      isTyped: isSbiError,
    }
  },
}

function captureResponse(payload: Uint8Array): Uint8Array {
  const { device } = fixtureSbiIdentity()
  let hash = ''
  try {
    const data = JSON.parse(Buffer.from(payload).toString('utf8')) as { bioValue?: unknown }
    if (typeof data.bioValue === 'string')
      hash = sbiCaptureHash(SBI_FIRST_PREVIOUS_HASH, Buffer.from(data.bioValue, 'base64url'))
  } catch {
    hash = ''
  }
  const jws = signJws(payload, device.privateKey, device.certificateDer)
  const body = {
    biometrics: [
      { specVersion: '0.9.5', data: jws, hash, error: { errorCode: '0', errorInfo: 'Success' } },
    ],
  }
  return new Uint8Array(Buffer.from(JSON.stringify(body)))
}

/** The payloads of the simulator's captures, their ISO record swapped for a small one (cheaper to hash). */
async function capturePayloads(): Promise<Uint8Array[]> {
  const sim = await recordSbiSimulator()
  return sim.captures.flatMap((c) => {
    const parsed = JSON.parse(c.toString('utf8')) as { biometrics: { data: string }[] }
    return parsed.biometrics.map((b, i) => {
      const payload = JSON.parse(
        Buffer.from(b.data.split('.')[1] ?? '', 'base64url').toString('utf8'),
      ) as Record<string, unknown>
      payload.bioValue = base64url(Buffer.from(`FIR\u0000020\u0000 small record ${i}`))
      return new Uint8Array(Buffer.from(JSON.stringify(payload)))
    })
  })
}

export const sbiCaptureSigned: FuzzTarget = {
  name: 'sbi-capture-signed',
  parses:
    'SbiClient.capture past the signature: each input is the capture-data payload, signed with the fixture device key (1024-bit RSA) and chained correctly, so the payload schema, digital ID, transaction, finger and bioValue checks run',
  typedErrors: 'SbiError, SbiSecurityError',
  setup: async () => {
    installFakeHttp()
    const c = client()
    return {
      seeds: await capturePayloads(),
      generated: randomJson(),
      structure: { tlv: false, json: wholeJson },
      mode: 'async',
      execute: (input) => {
        answer = { status: 200, headers: {}, body: captureResponse(input) }
        return captureWith(c)
      },
      isTyped: isSbiError,
    }
  },
}

/** Input: one byte choosing the chunking, then the multipart stream. */
export const sbiStream: FuzzTarget = {
  name: 'sbi-stream',
  parses:
    "boundaryOf + MultipartReader.push (the SBI STREAM's multipart/x-mixed-replace preview frames, chunked anyhow)",
  typedErrors: 'none: the reader never throws, so any throw is a failure',
  setup: async () => {
    const { stream } = await recordSbiSimulator()
    const boundary = boundaryOf(stream.contentType) ?? 'BoundaryString'
    const frames = stream.body
    return {
      seeds: [
        joined(Uint8Array.of(0), frames),
        joined(Uint8Array.of(200), frames.subarray(0, 2000)),
      ],
      generated: withSelector(randomBytes(600)),
      structure: { tlv: false },
      mode: 'sync',
      execute: (input) => {
        const cut = (input[0] ?? 0) * 16 + 1
        const reader = new MultipartReader(boundary)
        const bytes = input.subarray(1)
        let parts = 0
        for (let at = 0, i = 0; at < bytes.length; i++) {
          const size = Math.max(1 + ((i * 977 + cut) % cut), minChunk(bytes.length))
          parts += reader.push(bytes.subarray(at, at + size)).length
          at += size
        }
        return parts + (boundaryOf(Buffer.from(bytes.subarray(0, 200)).toString('latin1')) ? 1 : 0)
      },
      isTyped: () => false,
    }
  },
}
