import { generateKeyPairSync } from 'node:crypto'
import { createServer, type Server } from 'node:http'
import fc from 'fast-check'
import { WebSocket } from 'ws'
import {
  BRIDGE_PATH,
  BRIDGE_TOKEN_PARAM,
  KioskError,
  requests,
  type Reply,
  type RequestChannel,
} from '../../../electron/contract'
import { ConfigError, loadConfig } from '../../../electron/core/config'
import type { Core } from '../../../electron/core'
import { createDispatcher, type Dispatch, type Handlers } from '../../../electron/core/dispatch'
import { allowEveryCaller, TEST_CALLER } from '../../../electron/core/test-support'
import { createBridge } from '../../../electron/host/bridge'
import { createUpstreamClient } from '../../../electron/core/sync/client'
import { UpstreamRequestError } from '../../../electron/core/sync/upstream-error'
import { signingFetch, testUpstreamSigner } from '../../../electron/core/sync/test-support'
import { randomJson, withSelector } from '../engine/generators'
import { prefixedJson, wholeJson } from '../engine/json-mutate'
import { instanceOfAny, type FuzzTarget } from '../engine/target'
import { joined } from '../engine/tlv-tree'
import { FUZZ_NOW } from '../fixtures/fixture-keys'

const utf8 = (s: string) => new Uint8Array(Buffer.from(s, 'utf8'))
const text = (bytes: Uint8Array) => Buffer.from(bytes).toString('utf8')
/** What a stub handler throws: a payload that reaches it passed the contract's input schema. */
const REACHED = 'fuzz: the handler was reached'

/** Payload shapes the channels take, each sent to every channel as a seed. */
const PAYLOADS: readonly unknown[] = [
  null,
  {},
  { code: '123456' },
  { can: '123456', reader: 'Virtual PCD 00 01' },
  { language: 'vi' },
  { id: '8a6e0804-2bd0-4672-b79a-4d4a1e0e1f40', fields: { phone: '0912345678' } },
  { upstreamUrl: 'http://127.0.0.1:8080', code: 'ABCD-EFGH' },
  { limit: 50, cursor: 'abc' },
]

const channels = Object.keys(requests) as RequestChannel[]

function stubDispatch(): Dispatch {
  const handler = () => {
    throw new KioskError('E_DEVICE', REACHED)
  }
  const handlers = Object.fromEntries(channels.map((c) => [c, handler])) as unknown as Handlers
  const silent = { info: () => {}, warn: () => {}, error: () => {}, child: () => silent }
  // Every caller allowed: the role table is a layer of its own, the payloads are what is fuzzed.
  return createDispatcher(handlers, silent as never, () => false, allowEveryCaller)
}

/** A reply that the contract allows: a schema refusal, an unknown channel, or the stub reached. */
function replyProblem(reply: unknown): string | null {
  const r = reply as Reply<unknown> | null
  if (!r || typeof r !== 'object' || typeof r.ok !== 'boolean') return 'not a reply'
  if (r.ok) return 'a stub handler answered ok'
  const { code, message } = r.error
  if (code === 'E_DEVICE' && message === REACHED) return null
  if (code === 'E_SCHEMA' || code === 'E_UNKNOWN_CHANNEL') return null
  return `reply ${code}: ${message.slice(0, 200)}`
}

const requestSeeds = (frame: (channel: string, payload: unknown, id: number) => unknown) =>
  channels.flatMap((channel, c) =>
    PAYLOADS.map((payload, p) => utf8(JSON.stringify(frame(channel, payload, c * 10 + p)))),
  )

export const ipcPayloads: FuzzTarget = {
  name: 'ipc-dispatch',
  parses:
    "the core's dispatcher on a renderer request (channel name, then the payload against the channel's zod schema), as Electron IPC and the bridge deliver it",
  typedErrors: 'none: every input is a reply (E_SCHEMA, E_UNKNOWN_CHANNEL, or the handler reached)',
  setup: () => {
    const dispatch = stubDispatch()
    return {
      seeds: requestSeeds((channel, payload) => ({ channel, payload })),
      generated: randomJson(),
      structure: { tlv: false, json: wholeJson },
      mode: 'async',
      execute: async (input) => {
        let request: { channel?: unknown; payload?: unknown } | null
        try {
          request = JSON.parse(text(input)) as typeof request
        } catch {
          return null // IPC carries values, not text: only JSON-shaped inputs are requests
        }
        // Electron's invoke and the bridge's frame schema only ever pass a string channel.
        if (typeof request?.channel !== 'string') return null
        return dispatch(request.channel, request.payload, TEST_CALLER)
      },
      isTyped: () => false,
      checkResult: (reply) => (reply === null ? null : replyProblem(reply)),
    }
  },
}

interface BridgeRig {
  server: Server
  url: string
  socket: WebSocket | null
}

async function bridgeRig(): Promise<BridgeRig> {
  const token = 'fuzz-token'
  let origin = ''
  let connections = 0
  const core = {
    dispatch: stubDispatch(),
    onEvent: () => () => {},
    connect: () => ({ connectionId: `fuzz-${connections++}` }),
    disconnect: () => {},
  } as unknown as Core
  const bridge = createBridge({ core, token, origin: () => origin })
  const server = createServer((_req, res) => res.writeHead(404).end())
  server.on('upgrade', (req, socket, head) => bridge.handleUpgrade(req, socket, head))
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const address = server.address()
  const port = typeof address === 'object' && address ? address.port : 0
  origin = `http://127.0.0.1:${port}`
  server.on('close', () => bridge.close())
  return {
    server,
    url: `ws://127.0.0.1:${port}${BRIDGE_PATH}?${BRIDGE_TOKEN_PARAM}=${token}`,
    socket: null,
  }
}

async function connected(rig: BridgeRig): Promise<WebSocket> {
  if (rig.socket?.readyState === WebSocket.OPEN) return rig.socket
  const socket = new WebSocket(rig.url)
  await new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve())
    socket.once('error', reject)
  })
  rig.socket = socket
  return socket
}

/** Sends one frame; resolves with the server's answer frame, or the close code if it hung up. */
async function exchange(rig: BridgeRig, frame: Uint8Array, binary: boolean): Promise<unknown> {
  const socket = await connected(rig)
  return new Promise((resolve) => {
    const onMessage = (data: Buffer) => finish({ frame: text(data) })
    const onClose = (code: number) => finish({ closed: code })
    const finish = (answer: unknown) => {
      socket.off('message', onMessage)
      socket.off('close', onClose)
      resolve(answer)
    }
    socket.on('message', onMessage)
    socket.on('close', onClose)
    socket.send(frame, { binary })
  })
}

function bridgeAnswerProblem(answer: unknown): string | null {
  const a = answer as { frame?: string; closed?: number }
  if (a.closed !== undefined) {
    // 1008: a frame without an id to answer; 1009: over the size limit; 1007: not UTF-8.
    return [1007, 1008, 1009].includes(a.closed) ? null : `closed with ${a.closed}`
  }
  let frame: { type?: unknown; reply?: unknown }
  try {
    frame = JSON.parse(a.frame ?? '') as typeof frame
  } catch {
    return 'answered with a frame that is not JSON'
  }
  if (frame.type !== 'reply') return `answered a ${String(frame.type)} frame`
  return replyProblem(frame.reply)
}

/** Input: selector (bit 0: send as a binary frame), then the frame. */
export const bridgeFrames: FuzzTarget = {
  name: 'bridge-frames',
  parses:
    "the host bridge's WebSocket frames from the browser renderer (JSON, the frame schema, then the dispatcher), over a real socket",
  typedErrors: 'none: every frame gets a reply or a close with a protocol code',
  setup: async () => {
    const rig = await bridgeRig()
    const seeds = requestSeeds((channel, payload, id) => ({
      type: 'request',
      id,
      channel,
      payload,
    }))
    return {
      seeds: seeds.map((s) => joined(Uint8Array.of(0), s)),
      generated: withSelector(randomJson()),
      structure: { tlv: false, json: prefixedJson(1) },
      mode: 'async',
      execute: (input) => exchange(rig, input.subarray(1), ((input[0] ?? 0) & 1) === 1),
      isTyped: () => false,
      checkResult: bridgeAnswerProblem,
      maxBytes: 1024 * 1024 + 64,
      dispose: () => {
        rig.socket?.terminate()
        return new Promise<void>((resolve) => rig.server.close(() => resolve()))
      },
    }
  },
}

export const configFile: FuzzTarget = {
  name: 'config-file',
  parses: "loadConfig on the data directory's config.json (JSON, then each value validated)",
  typedErrors: 'ConfigError',
  setup: () => ({
    seeds: [
      { devices: 'simulated', language: 'vi' },
      { devices: 'real', upstreamUrl: 'https://upstream.example.vn/', language: 'en' },
      { devices: 'auto', upstreamUrl: null },
      {},
    ].map((c) => utf8(JSON.stringify(c, null, 2))),
    generated: randomJson(),
    structure: { tlv: false, json: wholeJson },
    mode: 'sync',
    execute: (input) =>
      loadConfig({
        flags: { dataDir: '/nonexistent/fuzz-data' },
        env: {},
        readFile: () => text(input),
      }).config,
    isTyped: instanceOfAny(ConfigError),
  }),
}

/** The sync client's calls, in the order the selector's low 3 bits pick them. */
const CALLS = [
  'info',
  'register',
  'announce',
  'fileStatus',
  'putChunk',
  'complete',
  'status',
] as const
const FILE_ID = '8a6e0804-2bd0-4672-b79a-4d4a1e0e1f40'
/** HTTP statuses the selector's high bits pick. */
const STATUSES = [200, 200, 200, 200, 400, 401, 409, 500]

function upstreamAnswerSeeds(): Uint8Array[] {
  const time = FUZZ_NOW.toISOString()
  const status = { fileId: FILE_ID, state: 'receiving', receivedOffset: 0, size: 100 }
  const receipt = {
    fileId: FILE_ID,
    sha256: 'a'.repeat(64),
    receivedAt: time,
    keyId: 'b'.repeat(32),
    signature: 'c'.repeat(86),
  }
  const answers: [number, unknown][] = [
    [0, { protocolVersion: 1, training: false, time, maxChunkSize: 65536, keys: {} }],
    [1, { terminalId: 'terminal-1', keys: {} }],
    [2, status],
    [3, { ...status, state: 'received', receipt }],
    [4, { receivedOffset: 100 }],
    [5, { receipt }],
    [6, { events: [{ cursor: '1', fileId: FILE_ID, state: 'approved', at: time }], cursor: '1' }],
    [2 | (5 << 3), { error: { code: 'bad_signature', message: 'Chữ ký sai / Bad signature' } }],
    [4 | (6 << 3), { error: { code: 'offset_mismatch', message: 'x / y', receivedOffset: 40 } }],
  ]
  return answers.map(([selector, body]) =>
    joined(Uint8Array.of(selector), utf8(JSON.stringify(body))),
  )
}

/** Input: selector (low 3 bits: which call; high bits: the HTTP status), then the answer's body. */
export const upstreamAnswers: FuzzTarget = {
  name: 'upstream-answers',
  parses:
    "the kiosk's sync client on the upstream's answers (status, JSON, the protocol's zod schemas, error bodies)",
  typedErrors: 'UpstreamRequestError',
  setup: () => {
    let answer: { status: number; body: Uint8Array } = { status: 200, body: new Uint8Array(0) }
    // Answers are signed like the upstream's, so they get past verification to the parsing.
    const signer = testUpstreamSigner()
    const client = createUpstreamClient({
      baseUrl: 'http://127.0.0.1:9',
      terminalId: 'terminal-1',
      privateKey: generateKeyPairSync('ed25519').privateKey,
      now: () => FUZZ_NOW,
      randomBytes: (n) => Buffer.alloc(n, 7),
      timeoutMs: 1000,
      trust: () => signer.trust,
      fetch: signingFetch(
        signer,
        () => new Response(Buffer.from(answer.body), { status: answer.status }),
      ),
    })
    return {
      seeds: upstreamAnswerSeeds(),
      generated: withSelector(fc.oneof(randomJson(), fc.uint8Array({ maxLength: 200 }))),
      structure: { tlv: false, json: prefixedJson(1) },
      mode: 'async',
      execute: (input) => {
        const selector = input[0] ?? 0
        answer = {
          status: STATUSES[(selector >> 3) % STATUSES.length] ?? 200,
          body: input.subarray(1),
        }
        const call = CALLS[(selector & 7) % CALLS.length] ?? 'info'
        if (call === 'info') return client.info()
        if (call === 'register')
          return client.register(
            { code: 'X', terminalId: 'terminal-1', publicKey: '' },
            signer.trust,
          )
        if (call === 'announce')
          return client.announce({ fileId: FILE_ID, sha256: 'a'.repeat(64), size: 100 })
        if (call === 'fileStatus') return client.fileStatus(FILE_ID)
        if (call === 'putChunk') return client.putChunk(FILE_ID, 0, new Uint8Array(10))
        if (call === 'complete') return client.complete(FILE_ID)
        return client.status(undefined, 50)
      },
      isTyped: instanceOfAny(UpstreamRequestError),
    }
  },
}
