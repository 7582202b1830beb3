import { messageRef, type MessageParams } from '../../../lib/messages'
import type { KeyObject } from 'node:crypto'
import type { z } from 'zod'
import {
  AnnounceResponseSchema,
  apiPaths,
  ChunkResponseSchema,
  classifyFailure,
  CompleteResponseSchema,
  ErrorBodySchema,
  FileStatusSchema,
  RegisterResponseSchema,
  signRequest,
  StatusFeedSchema,
  UpstreamInfoSchema,
  type AnnounceRequest,
  type ChunkResponse,
  type CompleteResponse,
  type FileStatus,
  type RegisterRequest,
  type RegisterResponse,
  type StatusFeed,
  type UpstreamInfo,
} from '../../../protocol'
import type { RandomBytes } from '../../../protocol/packet'
import { UpstreamRequestError } from './upstream-error'
import { safeParse } from '../../../lib/schema'

/** The sync API as the kiosk calls it; every method throws UpstreamRequestError on failure. */
export interface UpstreamClient {
  readonly baseUrl: string
  info(timeoutMs?: number): Promise<UpstreamInfo>
  register(request: RegisterRequest): Promise<RegisterResponse>
  announce(request: AnnounceRequest): Promise<FileStatus>
  fileStatus(fileId: string): Promise<FileStatus>
  putChunk(fileId: string, offset: number, chunk: Uint8Array): Promise<ChunkResponse>
  complete(fileId: string): Promise<CompleteResponse>
  status(cursor: string | undefined, limit: number): Promise<StatusFeed>
}

export interface UpstreamClientOptions {
  baseUrl: string
  terminalId: string
  privateKey: KeyObject
  now: () => Date
  randomBytes: RandomBytes
  timeoutMs: number
  /** Injected for tests; the global fetch by default. */
  fetch?: typeof fetch
}

const EMPTY = new Uint8Array(0)

export function createUpstreamClient(options: UpstreamClientOptions): UpstreamClient {
  const base = options.baseUrl.replace(/\/+$/, '')
  const doFetch = options.fetch ?? fetch
  const identity = { terminalId: options.terminalId, privateKey: options.privateKey }
  const env = { now: options.now, randomBytes: options.randomBytes }

  async function send(
    method: 'GET' | 'POST' | 'PUT',
    path: string,
    bytes: Uint8Array,
    raw: boolean,
    signed: boolean,
    timeoutMs: number,
  ): Promise<{ response: Response; text: string }> {
    const headers: Record<string, string> = signed
      ? { ...signRequest({ method, path, body: bytes }, identity, env) }
      : {}
    if (method !== 'GET')
      headers['content-type'] = raw ? 'application/octet-stream' : 'application/json'
    const response = await doFetch(`${base}${path}`, {
      method,
      headers,
      // Our buffers are backed by plain ArrayBuffers, which is what BodyInit's typing asks for.
      ...(method !== 'GET' ? { body: bytes as Uint8Array<ArrayBuffer> } : {}),
      signal: AbortSignal.timeout(timeoutMs),
    })
    return { response, text: await response.text() }
  }

  async function call<S extends z.ZodType>(
    method: 'GET' | 'POST' | 'PUT',
    path: string,
    schema: S,
    body: { json?: unknown; bytes?: Uint8Array } = {},
    signed = true,
    timeoutMs = options.timeoutMs,
  ): Promise<z.output<S>> {
    const bytes =
      body.bytes ??
      (body.json !== undefined ? Buffer.from(JSON.stringify(body.json), 'utf8') : EMPTY)
    const attempt = () => send(method, path, bytes, body.bytes !== undefined, signed, timeoutMs)
    let answer: { response: Response; text: string }
    try {
      answer = await attempt()
    } catch (error) {
      // EPIPE or "other side closed": the upstream closed a kept-alive connection as we reused it
      // (the usual keep-alive race). Every route is idempotent, so one fresh attempt (new nonce)
      // is safe. Other failures (refused, reset, timeout) are not retried here: the pass backs off.
      const code = causeCode(error)
      if (code !== 'EPIPE' && code !== 'UND_ERR_SOCKET') throw networkError(method, path, error)
      try {
        answer = await attempt()
      } catch (again) {
        throw networkError(method, path, again)
      }
    }
    return parseAnswer(answer, schema, `${method} ${path}`)
  }

  return {
    baseUrl: base,
    info: (timeoutMs) =>
      call('GET', apiPaths.info(), UpstreamInfoSchema, {}, false, timeoutMs ?? options.timeoutMs),
    register: (request) =>
      call('POST', apiPaths.register(), RegisterResponseSchema, { json: request }),
    announce: (request) =>
      call('POST', apiPaths.announce(), AnnounceResponseSchema, { json: request }),
    fileStatus: (fileId) => call('GET', apiPaths.file(fileId), FileStatusSchema),
    putChunk: (fileId, offset, chunk) =>
      call('PUT', apiPaths.chunk(fileId, offset), ChunkResponseSchema, { bytes: chunk }),
    complete: (fileId) =>
      call('POST', apiPaths.complete(fileId), CompleteResponseSchema, { json: {} }),
    status: (cursor, limit) => call('GET', apiPaths.status(cursor, limit), StatusFeedSchema),
  }
}

/** The answer's body checked against `schema`; an error status or a mismatch throws. */
function parseAnswer<S extends z.ZodType>(
  { response, text }: { response: Response; text: string },
  schema: S,
  request: string,
): z.output<S> {
  let json: unknown
  try {
    json = text ? JSON.parse(text) : undefined
  } catch {
    json = undefined
  }
  if (!response.ok) throw refusalOf(response.status, json, request)
  const parsed = safeParse(schema, json)
  if (!parsed.success)
    throw new UpstreamRequestError(
      'protocol',
      'retryable',
      failure('messages.sync.malformedAnswer', request),
      response.status,
    )
  return parsed.data
}

/** An error status as the upstream's refusal, with its code when the body says one. */
function refusalOf(status: number, json: unknown, request: string): UpstreamRequestError {
  const parsed = safeParse(ErrorBodySchema, json)
  const errorClass = classifyFailure(status, json)
  if (parsed.success) {
    const e = parsed.data.error
    return new UpstreamRequestError('http', errorClass, e.message, status, e.code, e.receivedOffset)
  }
  return new UpstreamRequestError(
    'http',
    errorClass,
    failure('messages.sync.httpStatus', request, { status }),
    status,
  )
}

function causeCode(error: unknown): string | undefined {
  const cause = (error as { cause?: { code?: unknown } } | null)?.cause
  return typeof cause?.code === 'string' ? cause.code : undefined
}

function networkError(method: string, path: string, error: unknown): UpstreamRequestError {
  return new UpstreamRequestError(
    'network',
    'retryable',
    failure('messages.sync.unreachable', `${method} ${path}: ${describe(error)}`),
  )
}

function describe(error: unknown): string {
  if (error instanceof Error) {
    const cause = (error as Error & { cause?: unknown }).cause
    const code = (cause as { code?: string } | undefined)?.code
    return code ? `${error.message} (${code})` : error.message
  }
  return String(error)
}

/** A catalogue sentence with the request as detail. */
function failure(key: string, detail: string, params?: MessageParams) {
  return { text: messageRef(key, params), detail }
}
