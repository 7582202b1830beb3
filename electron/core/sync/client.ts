import { CatalogueError, messageRef, type MessageParams } from '../../../lib/messages'
import type { KeyObject } from 'node:crypto'
import type { z } from 'zod'
import {
  AnnounceResponseSchema,
  apiPaths,
  AUDIT_CHECKPOINTS_PATH,
  AuditCheckpointsResponseSchema,
  type AuditCheckpointsRequest,
  type AuditCheckpointsResponse,
  ChunkResponseSchema,
  classifyFailure,
  CompleteResponseSchema,
  ErrorBodySchema,
  FileStatusSchema,
  RegisterResponseSchema,
  sha256Hex,
  SIGNATURE_HEADERS,
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
  type UpstreamTrust,
} from '../../../protocol'
import type { RandomBytes } from '../../../protocol/packet'
import { upstreamUrlVerdict } from '../config/upstream-url'
import { checkAnswerSignature, type AnswerCheck } from './answer-trust'
import { isUntrustedCertificateCode, nodeFetch, type UpstreamFetch } from './ca-fetch'
import { retryAfterMsOf, UpstreamRequestError } from './upstream-error'
import { safeParse } from '../../../lib/schema'

/**
 * The sync API as the kiosk calls it; every method throws UpstreamRequestError on failure. Every
 * answer but the probe's is verified against the upstream's signing key before it is returned
 * (protocol/response-signing.ts); requests are signed for that upstream's id.
 */
export interface UpstreamClient {
  readonly baseUrl: string
  /**
   * The probe. By default its answer is verified when it names the registered upstream, and taken
   * as is otherwise; `trustOf` decides instead (registration: the keys the code pinned).
   */
  info(
    timeoutMs?: number,
    trustOf?: (info: UpstreamInfo) => UpstreamTrust | null,
  ): Promise<UpstreamInfo>
  /** Signed for, and verified with, the upstream `trust` names (the one the code pinned). */
  register(request: RegisterRequest, trust: UpstreamTrust): Promise<RegisterResponse>
  announce(request: AnnounceRequest): Promise<FileStatus>
  fileStatus(fileId: string): Promise<FileStatus>
  /** `complete`: the last chunk, completed in the same request (the answer carries the receipt). */
  putChunk(
    fileId: string,
    offset: number,
    chunk: Uint8Array,
    complete?: boolean,
  ): Promise<ChunkResponse>
  complete(fileId: string): Promise<CompleteResponse>
  status(cursor: string | undefined, limit: number): Promise<StatusFeed>
  /** Sends audit checkpoints; the answer carries the upstream's signed acknowledgement. */
  auditCheckpoints(request: AuditCheckpointsRequest): Promise<AuditCheckpointsResponse>
}

export interface UpstreamClientOptions {
  baseUrl: string
  terminalId: string
  privateKey: KeyObject
  now: () => Date
  randomBytes: RandomBytes
  timeoutMs: number
  /** The upstream the station registered with, read at each call; null before registration. */
  trust: () => UpstreamTrust | null
  /** Injected for tests, or a CA-pinned fetch (ca-fetch.ts); `nodeFetch()` by default. */
  fetch?: UpstreamFetch
}

const EMPTY = new Uint8Array(0)

type Method = 'GET' | 'POST' | 'PUT'
interface Sent {
  response: Response
  bytes: Uint8Array
  nonce: string
  /** The station's clock when the answer came (for a `Retry-After` date). */
  receivedAt: Date
  /** SHA-256 of the request body: the one the signature carries, computed once. */
  requestSha256: string
}

/** Refuses `http://` outside loopback before anything is sent (the config refuses it too). */
function checkedBaseUrl(url: string): string {
  if (upstreamUrlVerdict(url) === 'insecure')
    throw new CatalogueError(messageRef('messages.sync.insecureUpstreamUrl', { url }))
  return url.replace(/\/+$/, '')
}

export function createUpstreamClient(options: UpstreamClientOptions): UpstreamClient {
  const base = checkedBaseUrl(options.baseUrl)
  const doFetch: UpstreamFetch = options.fetch ?? nodeFetch()
  const send = (
    method: Method,
    path: string,
    bytes: Uint8Array,
    raw: boolean,
    signFor: string | null,
    timeoutMs: number,
  ) =>
    sendOnce(options, doFetch, `${base}${path}`, { method, path, bytes, raw, signFor, timeoutMs })

  async function call<S extends z.ZodType>(
    method: Method,
    path: string,
    schema: S,
    body: { json?: unknown; bytes?: Uint8Array } = {},
    check: AnswerCheck = { kind: 'registered' },
    timeoutMs = options.timeoutMs,
  ): Promise<z.output<S>> {
    const request = `${method} ${path}`
    const bytes =
      body.bytes ??
      (body.json !== undefined ? Buffer.from(JSON.stringify(body.json), 'utf8') : EMPTY)
    const known =
      check.kind === 'registered'
        ? registeredTrust(options, request)
        : check.kind === 'given'
          ? check.trust
          : null
    const signFor = known?.upstreamId ?? null
    const raw = body.bytes !== undefined
    const attempt = () => send(method, path, bytes, raw, signFor, timeoutMs)
    const answer = await withOneRetry(attempt, base, request)
    return checkedAnswer(answer, { method, path, bytes, request }, known, check, schema)
  }

  /** The probe's default: verified when it names the registered upstream. */
  const registeredIfNamed = (info: UpstreamInfo): UpstreamTrust | null => {
    const trust = options.trust()
    return trust && info.keys.upstreamId === trust.upstreamId ? trust : null
  }

  return {
    baseUrl: base,
    info: (timeoutMs, trustOf = registeredIfNamed) =>
      call(
        'GET',
        apiPaths.info(),
        UpstreamInfoSchema,
        {},
        { kind: 'derived', trustOf: (body) => trustOf(body as UpstreamInfo) },
        timeoutMs ?? options.timeoutMs,
      ),
    register: (request, trust) =>
      call(
        'POST',
        apiPaths.register(),
        RegisterResponseSchema,
        { json: request },
        { kind: 'given', trust },
      ),
    announce: (request) =>
      call('POST', apiPaths.announce(), AnnounceResponseSchema, { json: request }),
    fileStatus: (fileId) => call('GET', apiPaths.file(fileId), FileStatusSchema),
    putChunk: (fileId, offset, chunk, complete = false) =>
      call('PUT', apiPaths.chunk(fileId, offset, complete), ChunkResponseSchema, { bytes: chunk }),
    complete: (fileId) =>
      call('POST', apiPaths.complete(fileId), CompleteResponseSchema, { json: {} }),
    status: (cursor, limit) => call('GET', apiPaths.status(cursor, limit), StatusFeedSchema),
    auditCheckpoints: (request) =>
      call('POST', AUDIT_CHECKPOINTS_PATH, AuditCheckpointsResponseSchema, { json: request }),
  }
}

/** The answer verified (by the trust known before sending, or the one its body leads to) and parsed. */
function checkedAnswer<S extends z.ZodType>(
  answer: Sent,
  sent: { method: Method; path: string; bytes: Uint8Array; request: string },
  known: UpstreamTrust | null,
  check: AnswerCheck,
  schema: S,
): z.output<S> {
  const received = {
    answer: {
      method: sent.method,
      path: sent.path,
      nonce: answer.nonce,
      requestSha256: answer.requestSha256,
      status: answer.response.status,
      body: answer.bytes,
    },
    headers: answer.response.headers,
    request: sent.request,
  }
  if (known) checkAnswerSignature(received, known)
  const parsed = parseAnswer(answer, schema, sent.request)
  if (check.kind === 'derived') {
    const trust = check.trustOf(parsed)
    if (trust) checkAnswerSignature(received, trust)
  }
  return parsed
}

/** The registered upstream, or a refusal before anything is sent. */
function registeredTrust(options: UpstreamClientOptions, request: string): UpstreamTrust {
  const trust = options.trust()
  if (!trust)
    throw new UpstreamRequestError(
      'protocol',
      'permanent',
      failure('messages.sync.notRegistered', request),
    )
  return trust
}

/** One request: signed for `signFor` (or carrying only a nonce), its answer read whole. */
async function sendOnce(
  options: UpstreamClientOptions,
  doFetch: UpstreamFetch,
  url: string,
  r: {
    method: Method
    path: string
    bytes: Uint8Array
    raw: boolean
    signFor: string | null
    timeoutMs: number
  },
): Promise<Sent> {
  const identity = { terminalId: options.terminalId, privateKey: options.privateKey }
  const env = { now: options.now, randomBytes: options.randomBytes }
  // Unsigned requests (the probe) still send a nonce, which binds the signed answer to them.
  const headers: Record<string, string> =
    r.signFor !== null
      ? {
          ...signRequest(
            { method: r.method, path: r.path, body: r.bytes },
            { ...identity, upstreamId: r.signFor },
            env,
          ),
        }
      : { [SIGNATURE_HEADERS.nonce]: options.randomBytes(18).toString('base64url') }
  if (r.method !== 'GET')
    headers['content-type'] = r.raw ? 'application/octet-stream' : 'application/json'
  const response = await doFetch(url, {
    method: r.method,
    headers,
    // Our buffers are backed by plain ArrayBuffers, which is what BodyInit's typing asks for.
    ...(r.method !== 'GET' ? { body: r.bytes as Uint8Array<ArrayBuffer> } : {}),
    signal: AbortSignal.timeout(r.timeoutMs),
  })
  const nonce = headers[SIGNATURE_HEADERS.nonce] ?? ''
  const requestSha256 = headers[SIGNATURE_HEADERS.contentSha256] ?? sha256Hex(r.bytes)
  const bytes = new Uint8Array(await response.arrayBuffer())
  return { response, bytes, nonce, requestSha256, receivedAt: options.now() }
}

/**
 * EPIPE or "other side closed": the upstream closed a kept-alive connection as we reused it (the
 * usual keep-alive race). Every route is idempotent, so one fresh attempt (new nonce) is safe.
 * Other failures (refused, reset, timeout) are not retried here: the pass backs off.
 */
async function withOneRetry(attempt: () => Promise<Sent>, base: string, request: string) {
  try {
    return await attempt()
  } catch (error) {
    const code = causeCode(error)
    if (code !== 'EPIPE' && code !== 'UND_ERR_SOCKET') throw networkError(base, request, error)
    try {
      return await attempt()
    } catch (again) {
      throw networkError(base, request, again)
    }
  }
}

/** The answer's body checked against `schema`; an error status or a mismatch throws. */
function parseAnswer<S extends z.ZodType>(
  { response, bytes, receivedAt }: Sent,
  schema: S,
  request: string,
): z.output<S> {
  const text = Buffer.from(bytes).toString('utf8')
  let json: unknown
  try {
    json = text ? JSON.parse(text) : undefined
  } catch {
    json = undefined
  }
  if (!response.ok) throw refusalOf(response, json, request, receivedAt)
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
function refusalOf(
  response: Response,
  json: unknown,
  request: string,
  now: Date,
): UpstreamRequestError {
  const { status } = response
  const parsed = safeParse(ErrorBodySchema, json)
  const errorClass = classifyFailure(status, json)
  const retryAfterMs = retryAfterMsOf(response.headers.get('retry-after'), now)
  if (parsed.success) {
    const e = parsed.data.error
    return new UpstreamRequestError(
      'http',
      errorClass,
      e.message,
      status,
      e.code,
      e.receivedOffset,
      retryAfterMs,
    )
  }
  return new UpstreamRequestError(
    'http',
    errorClass,
    failure('messages.sync.httpStatus', request, { status }),
    status,
    null,
    undefined,
    retryAfterMs,
  )
}

function causeCode(error: unknown): string | undefined {
  const cause = (error as { cause?: { code?: unknown } } | null)?.cause
  return typeof cause?.code === 'string' ? cause.code : undefined
}

function networkError(base: string, request: string, error: unknown): UpstreamRequestError {
  // A certificate from a CA the station does not trust: the TLS handshake failed, nothing was sent.
  if (isUntrustedCertificateCode(causeCode(error)))
    return new UpstreamRequestError(
      'network',
      'retryable',
      failure('messages.sync.untrustedCertificate', `${request}: ${describe(error)}`, {
        url: base,
      }),
    )
  return new UpstreamRequestError(
    'network',
    'retryable',
    failure('messages.sync.unreachable', `${request}: ${describe(error)}`),
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
