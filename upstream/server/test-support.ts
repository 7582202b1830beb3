import type { KeyObject } from 'node:crypto'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import {
  buildPacket,
  generateTerminalKeyPair,
  publicKeyFromBase64,
  type BuildPacketInput,
  type BuiltPacket,
  type KeyPair,
  type OpenedPacket,
  type OpenedPart,
  type PartKind,
} from '../../protocol/packet'
import { seededRandom } from '../../protocol/packet/test-fixtures'
import { buildSod } from '../../drivers/smartcard'
import { createSimPki, type SimPki } from '../../drivers/smartcard'
import { apiPaths, publicKeyToBase64, signRequest, type RegisterResponse } from '../../protocol'
import { testUpstreamDatabase } from '../../tests/support/upstream-backend'
import { openUpstream, UPSTREAM_TRUST_DIR, type Upstream, type UpstreamOptions } from './upstream'

/** A clock tests move by hand. */
export function manualClock(start = '2026-11-26T08:00:00.000Z') {
  let ms = new Date(start).getTime()
  return {
    now: () => new Date(ms),
    advance: (by: number) => {
      ms += by
    },
  }
}

export interface TestTerminal {
  terminalId: string
  keys: KeyPair
}

export function testTerminal(terminalId = 'terminal-1', seed = terminalId): TestTerminal {
  return { terminalId, keys: generateTerminalKeyPair(seededRandom(seed)) }
}

/**
 * An upstream in a fresh temporary directory, on a manual clock. `cleanup` closes and deletes it.
 * `trust`: CSCA certificates (DER) written to its trust directory before it opens.
 */
export async function testUpstream(
  options: {
    maxChunkSize?: number
    training?: boolean
    trust?: readonly Uint8Array[]
    sms?: UpstreamOptions['sms']
    limits?: UpstreamOptions['limits']
    walSyncer?: UpstreamOptions['walSyncer']
  } = {},
) {
  const dataDir = mkdtempSync(join(tmpdir(), 'upstream-test-'))
  const clock = manualClock()
  const { trust = [], ...rest } = options
  mkdirSync(join(dataDir, UPSTREAM_TRUST_DIR))
  trust.forEach((der, i) => writeFileSync(join(dataDir, UPSTREAM_TRUST_DIR, `csca-${i}.der`), der))
  // A walSyncer is SQLite's: such a test is about SQLite's group commit.
  const database = rest.walSyncer
    ? { options: {}, backend: 'sqlite' as const, drop: async () => {} }
    : await testUpstreamDatabase()
  const upstream = await openUpstream({
    dataDir,
    now: clock.now,
    randomBytes: seededRandom(`upstream:${dataDir}`),
    reviewerPasswordCost: TEST_REVIEWER_COST,
    ...database.options,
    ...rest,
  })
  return {
    dataDir,
    clock,
    upstream,
    /** For `readUpstreamStats` and other openings of the same upstream. */
    database: database.options,
    async cleanup() {
      await upstream.close()
      await database.drop()
      rmSync(dataDir, { recursive: true, force: true })
    },
  }
}

/** A low scrypt cost for tests' reviewer passwords (the real cost is REVIEWER_SCRYPT_COST). */
export const TEST_REVIEWER_COST = { N: 1024, r: 8, p: 1 }

/**
 * Adds a reviewer account (`role`, senior by default) and signs it in: the session's bearer
 * token, for the review API's `authorization` header.
 */
export async function reviewerToken(
  upstream: Upstream,
  role: 'reviewer' | 'senior' = 'senior',
  id = `${role}-1`,
): Promise<string> {
  const password = `mật khẩu của ${id}`
  if (!(await upstream.reviewers.list()).some((r) => r.id === id))
    await upstream.reviewers.add({ id, name: `Người duyệt ${id}`, role, password })
  return (await upstream.reviewers.signIn(id, password)).token
}

const nonceRandom = seededRandom('nonces')

/** A signed request through `app.inject`, as the kiosk's sync client would send it. */
export async function signedInject(
  upstream: Upstream,
  terminal: TestTerminal,
  request: {
    method: 'GET' | 'POST' | 'PUT'
    path: string
    json?: unknown
    bytes?: Uint8Array
    /** Sign for this upstream id instead of `upstream`'s own. */
    upstreamId?: string
  },
) {
  const body =
    request.bytes !== undefined
      ? Buffer.from(request.bytes)
      : request.json !== undefined
        ? Buffer.from(JSON.stringify(request.json))
        : Buffer.alloc(0)
  const headers = signRequest(
    { method: request.method, path: request.path, body },
    {
      terminalId: terminal.terminalId,
      privateKey: terminal.keys.privateKey,
      upstreamId: request.upstreamId ?? upstream.keys.publicDocument.upstreamId,
    },
    { now: upstream.ctx.now, randomBytes: nonceRandom },
  )
  const contentType =
    request.bytes !== undefined
      ? 'application/octet-stream'
      : request.json !== undefined
        ? 'application/json'
        : undefined
  return upstream.app.inject({
    method: request.method,
    url: request.path,
    headers: { ...headers, ...(contentType ? { 'content-type': contentType } : {}) },
    ...(body.length ? { payload: body } : {}),
  })
}

/** Registers `terminal` through the real route with a fresh invite. */
export async function registerTerminal(upstream: Upstream, terminal: TestTerminal) {
  const code = await upstream.invite()
  const response = await signedInject(upstream, terminal, {
    method: 'POST',
    path: apiPaths.register(),
    json: {
      code,
      terminalId: terminal.terminalId,
      publicKey: publicKeyToBase64(terminal.keys.publicKey),
    },
  })
  if (response.statusCode !== 200) throw new Error(`registration failed: ${response.body}`)
  return response.json<RegisterResponse>()
}

/** DG1 holding a TD1 MRZ whose name field reads NGUYEN<<VAN<AN. */
export function sampleDg1(): Buffer {
  const line1 = 'IDVNM0123456789001234567890<<<'.slice(0, 30)
  const line2 = '9001012M3001012VNM<<<<<<<<<<<6'.slice(0, 30)
  const line3 = 'NGUYEN<<VAN<AN<<<<<<<<<<<<<<<<'.slice(0, 30)
  const mrz = Buffer.from(line1 + line2 + line3, 'latin1')
  return Buffer.concat([Buffer.from([0x61, mrz.length + 3, 0x5f, 0x1f, mrz.length]), mrz])
}

let samplePki: SimPki | undefined

/** The simulator PKI that signs the sample EF.SOD: one per process, valid from 2026-11-25. */
export function sampleChipPki(): SimPki {
  samplePki ??= createSimPki({ now: new Date('2026-11-26T00:00:00.000Z') })
  return samplePki
}

/** EF.SOD over these data groups (default: the sample DG1), signed by sampleChipPki(). */
export function sampleSod(
  dataGroups: ReadonlyMap<number, Uint8Array> = new Map([[1, sampleDg1()]]),
) {
  const { documentSigner } = sampleChipPki()
  return Buffer.from(
    buildSod({
      hashAlgorithm: 'sha256',
      dataGroups,
      signer: {
        certificateDer: documentSigner.certificateDer,
        privateKey: documentSigner.privateKey,
      },
      signingTime: new Date('2026-11-26T00:00:00.000Z'),
    }),
  )
}

/**
 * A complete level-2 file input: every required kind, real-looking records, and chip data that
 * passes passive authentication (`untrusted` unless the upstream trusts sampleChipPki's CSCA).
 */
export function sampleInput(
  terminal: TestTerminal,
  fileId: string,
  overrides: Partial<BuildPacketInput> = {},
): BuildPacketInput {
  return {
    fileId,
    terminalId: terminal.terminalId,
    stationId: 'station-1',
    officerId: 'officer-7',
    startedAt: '2026-11-26T07:50:00.000Z',
    submittedAt: '2026-11-26T07:59:00.000Z',
    software: { name: 'vneid-enrollment-kiosk', version: '0.1.0' },
    simulated: true,
    parts: [
      {
        name: 'chip/EF.SOD',
        kind: 'chip.sod',
        mediaType: 'application/octet-stream',
        data: sampleSod(),
      },
      {
        name: 'chip/DG1',
        kind: 'chip.dg',
        mediaType: 'application/octet-stream',
        data: sampleDg1(),
      },
      {
        name: 'portrait',
        kind: 'portrait',
        mediaType: 'image/jpeg',
        data: Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(800, 1)]),
      },
      {
        name: 'finger/right-index',
        kind: 'finger',
        mediaType: 'application/x-iso19794-4',
        data: Buffer.concat([Buffer.from('FIR\0', 'latin1'), Buffer.alloc(500, 2)]),
      },
      {
        name: 'consent',
        kind: 'consent',
        mediaType: 'application/json',
        data: Buffer.from('{"agreed":true}'),
      },
      {
        name: 'contact',
        kind: 'contact',
        mediaType: 'application/json',
        data: Buffer.from('{"phone":"0912345678"}'),
      },
    ],
    ...overrides,
  }
}

/** Builds a file encrypted to `upstream` and signed by `terminal`. */
export function buildFile(
  upstream: Upstream,
  terminal: TestTerminal,
  fileId: string,
  overrides: Partial<BuildPacketInput> = {},
  recipient: KeyObject = publicKeyFromBase64(upstream.keys.publicDocument.encryption.publicKey),
): BuiltPacket {
  return buildPacket(
    sampleInput(terminal, fileId, overrides),
    {
      terminalPrivateKey: terminal.keys.privateKey,
      terminalPublicKey: terminal.keys.publicKey,
      upstreamPublicKey: recipient,
    },
    seededRandom(`file:${fileId}`),
  )
}

/** Announce, upload in `chunkSize` pieces, complete: the happy path, returning the last answer. */
export async function uploadFile(
  upstream: Upstream,
  terminal: TestTerminal,
  file: BuiltPacket,
  chunkSize = upstream.ctx.maxChunkSize,
) {
  const fileId = file.manifest.fileId
  const announce = await signedInject(upstream, terminal, {
    method: 'POST',
    path: apiPaths.announce(),
    json: { fileId, sha256: file.sha256, size: file.size },
  })
  if (announce.statusCode !== 200) return announce
  for (let offset = 0; offset < file.size; offset += chunkSize) {
    const chunk = await signedInject(upstream, terminal, {
      method: 'PUT',
      path: apiPaths.chunk(fileId, offset),
      bytes: file.body.subarray(offset, offset + chunkSize),
    })
    if (chunk.statusCode !== 200) return chunk
  }
  return signedInject(upstream, terminal, {
    method: 'POST',
    path: apiPaths.complete(fileId),
    json: {},
  })
}

/** An opened packet holding just these parts: for checks that read only the parts. */
export function openedPacketOf(
  parts: readonly {
    name: string
    kind: PartKind
    mediaType: string
    data: Uint8Array
    placeholder?: boolean
  }[],
): OpenedPacket {
  const openedParts: OpenedPart[] = parts.map((p) => ({
    entry: {
      name: p.name,
      kind: p.kind,
      mediaType: p.mediaType,
      size: p.data.byteLength,
      sha256: '0'.repeat(64),
      placeholder: p.placeholder ?? false,
    },
    data: Buffer.from(p.data),
  }))
  // Only the parts matter to these checks.
  return { parts: openedParts } as unknown as OpenedPacket
}
