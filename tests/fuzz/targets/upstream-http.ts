import fc from 'fast-check'
import { apiPaths, ErrorBodySchema, publicKeyToBase64, signRequest } from '../../../protocol'
import { seededRandom } from '../../../protocol/packet/test-fixtures'
import {
  buildFile,
  registerTerminal,
  testTerminal,
  testUpstream,
} from '../../../upstream/server/test-support'
import { safeParse } from '../../../lib/schema'
import { randomBytes, randomJson, withSelector } from '../engine/generators'
import { prefixedJson } from '../engine/json-mutate'
import type { FuzzTarget } from '../engine/target'
import { joined } from '../engine/tlv-tree'

const FILE_ID = '3c9d6f0a-1b2e-4c3d-8e4f-5a6b7c8d9e01'

type Route = { method: 'GET' | 'POST' | 'PUT'; path: string; raw: boolean }

/** The signed routes a terminal calls, picked by the selector's low 3 bits. */
const ROUTES: readonly Route[] = [
  { method: 'POST', path: apiPaths.register(), raw: false },
  { method: 'POST', path: apiPaths.announce(), raw: false },
  { method: 'PUT', path: apiPaths.chunk(FILE_ID, 0), raw: true },
  { method: 'POST', path: apiPaths.complete(FILE_ID), raw: false },
  { method: 'GET', path: apiPaths.file(FILE_ID), raw: false },
  { method: 'GET', path: apiPaths.status(undefined, 50), raw: false },
]

interface Answer {
  statusCode: number
  body: string
}

/** A refusal must be a 4xx with the protocol's error body; nothing a terminal sends is a 5xx. */
function answerProblem(answer: unknown): string | null {
  const { statusCode, body } = answer as Answer
  if (statusCode < 400) return null
  if (statusCode >= 500) return `HTTP ${statusCode}: ${body.slice(0, 300)}`
  let json: unknown
  try {
    json = JSON.parse(body)
  } catch {
    return `HTTP ${statusCode} without a JSON error body`
  }
  return safeParse(ErrorBodySchema, json).success
    ? null
    : `HTTP ${statusCode} with a malformed error body`
}

/**
 * Input: selector (low 3 bits: the route), then the request body. Each request is signed by a
 * registered terminal, so the body gets past authentication to the route's own parsing.
 */
export const upstreamRequests: FuzzTarget = {
  name: 'upstream-requests',
  parses:
    "the training upstream's sync routes on a registered terminal's signed requests (register, announce, chunk, complete, status): JSON bodies, zod schemas, offsets, the intake",
  typedErrors:
    'none: every request gets an answer; a 5xx or a 4xx without the error body is a failure',
  setup: async () => {
    const env = await testUpstream({ maxChunkSize: 64 * 1024 })
    const terminal = testTerminal('fuzz-terminal')
    await registerTerminal(env.upstream, terminal)
    const file = buildFile(env.upstream, terminal, FILE_ID)
    const nonces = seededRandom('fuzz-nonces')
    const json = (selector: number, body: unknown) =>
      joined(Uint8Array.of(selector), new Uint8Array(Buffer.from(JSON.stringify(body))))
    const seeds = [
      json(0, {
        code: 'ABCD-1234',
        terminalId: 'terminal-9',
        publicKey: publicKeyToBase64(terminal.keys.publicKey),
      }),
      json(1, { fileId: FILE_ID, sha256: file.sha256, size: file.size }),
      joined(Uint8Array.of(2), new Uint8Array(file.body.subarray(0, 4096))),
      json(3, {}),
      json(4, {}),
      json(5, {}),
    ]
    return {
      seeds,
      generated: withSelector(fc.oneof(randomJson(), randomBytes(300))),
      structure: { tlv: false, json: prefixedJson(1) },
      mode: 'async',
      execute: async (input): Promise<Answer> => {
        const route = ROUTES[(input[0] ?? 0) % ROUTES.length] as Route
        const body = input.subarray(1)
        const payload = route.method === 'GET' ? Buffer.alloc(0) : Buffer.from(body)
        const headers = signRequest(
          { method: route.method, path: route.path, body: payload },
          {
            terminalId: terminal.terminalId,
            privateKey: terminal.keys.privateKey,
            upstreamId: env.upstream.keys.publicDocument.upstreamId,
          },
          { now: env.upstream.ctx.now, randomBytes: nonces },
        )
        const contentType = route.raw ? 'application/octet-stream' : 'application/json'
        const response = await env.upstream.app.inject({
          method: route.method,
          url: route.path,
          headers: { ...headers, ...(payload.length ? { 'content-type': contentType } : {}) },
          ...(payload.length ? { payload } : {}),
        })
        return { statusCode: response.statusCode, body: response.body }
      },
      isTyped: () => false,
      checkResult: answerProblem,
      maxBytes: 128 * 1024,
      dispose: () => env.cleanup(),
    }
  },
}
