import { request as httpRequest, type IncomingMessage } from 'node:http'
import type { Socket } from 'node:net'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { BuiltPacket } from '../../protocol/packet'
import { seededRandom } from '../../protocol/packet/test-fixtures'
import {
  apiPaths,
  FileStatusSchema,
  publicKeyFromBase64,
  publicKeyToBase64,
  ReceiptSchema,
  signRequest,
  verifyReceipt,
} from '../../protocol'
import { buildFile, testTerminal } from './test-support'
import { startUpstream, type ListeningUpstream } from './upstream'
import { parse } from '../../lib/schema'
import { useTestUpstreamDatabases } from '../../tests/support/upstream-backend'

const databases = useTestUpstreamDatabases()

// The upstream on a real socket: what the kiosk's sync client meets, resets included.
const terminal = testTerminal('terminal-net')
const random = seededRandom('listening')
let upstream: ListeningUpstream
let dataDir: string

async function call(method: 'GET' | 'POST' | 'PUT', path: string, body?: unknown | Uint8Array) {
  const bytes =
    body === undefined
      ? Buffer.alloc(0)
      : body instanceof Uint8Array
        ? Buffer.from(body)
        : Buffer.from(JSON.stringify(body))
  const headers: Record<string, string> = signRequest(
    { method, path, body: bytes },
    {
      terminalId: terminal.terminalId,
      privateKey: terminal.keys.privateKey,
      upstreamId: upstream.keys.publicDocument.upstreamId,
    },
    { now: () => new Date(), randomBytes: random },
  )
  if (body !== undefined)
    headers['content-type'] =
      body instanceof Uint8Array ? 'application/octet-stream' : 'application/json'
  const response = await fetch(`${upstream.url}${path}`, {
    method,
    headers,
    ...(body !== undefined ? { body: bytes } : {}),
  })
  return { status: response.status, json: (await response.json()) as Record<string, unknown> }
}

async function upload(file: BuiltPacket, chunk = 4096) {
  const fileId = file.manifest.fileId
  await call('POST', apiPaths.announce(), { fileId, sha256: file.sha256, size: file.size })
  for (let offset = 0; offset < file.size; offset += chunk)
    await call('PUT', apiPaths.chunk(fileId, offset), file.body.subarray(offset, offset + chunk))
  return call('POST', apiPaths.complete(fileId), {})
}

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'upstream-listening-'))
  upstream = await startUpstream({ dataDir, port: 0, ...(await databases.next()) })
  const code = await upstream.invite()
  const registered = await call('POST', apiPaths.register(), {
    code,
    terminalId: terminal.terminalId,
    publicKey: publicKeyToBase64(terminal.keys.publicKey),
  })
  expect(registered.status).toBe(200)
})
afterAll(async () => {
  await upstream.close()
  rmSync(dataDir, { recursive: true, force: true })
})

describe('upstream on 127.0.0.1', () => {
  it('receives a file uploaded in chunks and answers a verifiable receipt', async () => {
    expect(upstream.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
    const file = buildFile(upstream, terminal, '88888888-8888-4888-8888-888888888881')
    const complete = await upload(file)
    expect(complete.status).toBe(200)
    const receipt = parse(ReceiptSchema, complete.json.receipt)
    const signingKey = publicKeyFromBase64(upstream.keys.publicDocument.signing.publicKey)
    expect(
      verifyReceipt(receipt, signingKey, {
        fileId: file.manifest.fileId,
        sha256: file.sha256,
        size: file.size,
      }),
    ).toBe(true)
  })

  it('keeps nothing of a chunk whose connection was reset mid-body', async () => {
    const file = buildFile(upstream, terminal, '88888888-8888-4888-8888-888888888882')
    const fileId = file.manifest.fileId
    await call('POST', apiPaths.announce(), { fileId, sha256: file.sha256, size: file.size })
    const path = apiPaths.chunk(fileId, 0)
    const chunk = file.body.subarray(0, 4000)
    const headers = signRequest(
      { method: 'PUT', path, body: chunk },
      {
        terminalId: terminal.terminalId,
        privateKey: terminal.keys.privateKey,
        upstreamId: upstream.keys.publicDocument.upstreamId,
      },
      { now: () => new Date(), randomBytes: random },
    )
    // The server-side socket of the chunk request, to know when it has read what was sent.
    let serverSocket: Socket | undefined
    const onRequest = (incoming: IncomingMessage): void => {
      if (incoming.url === path) serverSocket = incoming.socket
    }
    upstream.app.server.on('request', onRequest)
    const request = httpRequest(`${upstream.url}${path}`, {
      method: 'PUT',
      agent: false,
      headers: {
        ...headers,
        'content-type': 'application/octet-stream',
        'content-length': '4000',
      },
    })
    request.on('error', () => undefined) // the reset below is the point
    const closed = new Promise<void>((resolve) => request.on('close', () => resolve()))
    await new Promise<void>((resolve) => request.write(chunk.subarray(0, 1500), () => resolve()))
    // Reset the connection only once the server has read the headers and the first 1500 bytes.
    const sent = request.socket?.bytesWritten ?? Infinity
    await expect.poll(() => serverSocket?.bytesRead ?? 0, { timeout: 10_000 }).toBe(sent)
    upstream.app.server.off('request', onRequest)
    request.destroy()
    await closed
    const status = await call('GET', apiPaths.file(fileId))
    expect(parse(FileStatusSchema, status.json)).toMatchObject({
      state: 'receiving',
      receivedOffset: 0,
    })
    const rest = await upload(file)
    expect(rest.status).toBe(200)
  })

  it('takes many uploads at once, each exactly once', async () => {
    const ids = Array.from(
      { length: 12 },
      (_, i) => `99999999-9999-4999-8999-${String(i).padStart(12, '0')}`,
    )
    const files = ids.map((id) => buildFile(upstream, terminal, id))
    const answers = await Promise.all(files.map((f) => upload(f, 2048)))
    expect(answers.map((a) => a.status)).toEqual(ids.map(() => 200))
    // And again: every one a duplicate, none stored twice.
    await Promise.all(files.map((f) => upload(f, 2048)))
    const stats = await upstream.stats()
    expect(stats.received).toBe(14)
    expect(stats.duplicates).toBe(24)
  })
})
