import { randomBytes as cryptoRandomBytes } from 'node:crypto'
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { FastifyInstance } from 'fastify'
import { loadTrustStoreSync } from '../../drivers/smartcard'
import {
  DEFAULT_MAX_SKEW_MS,
  formatRegistrationCode,
  MAX_CHUNK_SIZE,
  MAX_FILE_SIZE,
} from '../../protocol'
import type { UpstreamContext, UpstreamLog } from './context'
import { UPSTREAM_DATABASE_FILE } from './db/database'
import type { UpstreamStats } from './db/files'
import { openUpstreamStore, type UpstreamDatabaseOptions } from './db/open-store'
import type { UpstreamStore } from './db/store'
import { buildUpstreamApp } from './http/app'
import { createIntake, type Intake } from './intake/intake'
import { startUploadPurge } from './intake/upload-purge'
import { loadOrCreateUpstreamKeys, type UpstreamKeys } from './keys/upstream-keys'
import { outboxKeyOf } from './keys/outbox-key'
import { createReviewService, type ReviewService } from './review/review-service'
import { createReviewerAccounts, type ReviewerAccounts } from './review/accounts/reviewer-accounts'
import type { ScryptCost } from '../../lib/password-hash'
import { startSmsDelivery, type SmsDelivery, type SmsDeliveryOptions } from './sms-delivery'
import { systemClock, type Clock } from '../../lib/clock'
import { upstreamLimits, type UpstreamLimits } from './limits'

const REVIEW_TOKEN_FILE = 'review-token'
/** CSCA certificates (PEM, DER) and ICAO master lists for passive authentication, read at open. */
export const UPSTREAM_TRUST_DIR = 'trust'

export interface UpstreamOptions extends UpstreamDatabaseOptions {
  dataDir: string
  /** The private keys' folder; `keys/` inside the data directory when not given. */
  keysDir?: string
  /** Marks files as training files and labels the review page (the in-process upstream). */
  training?: boolean
  now?: () => Date
  randomBytes?: (size: number) => Buffer
  log?: UpstreamLog
  maxSkewMs?: number
  maxChunkSize?: number
  maxFileSize?: number
  /** Serve HTTPS with this certificate chain and key (PEM files' contents). */
  tls?: { cert: Buffer; key: Buffer }
  /** Send the outbox's notices to this SMSC over SMPP; without it they wait in the outbox. */
  sms?: SmsDeliveryOptions
  /** Paces SMS delivery and the hourly purge of expired uploads (monotonic); the system clock by default. */
  clock?: Clock
  /** scrypt cost of new reviewer passwords (tests lower it); REVIEWER_SCRYPT_COST by default. */
  reviewerPasswordCost?: ScryptCost
  /** Rate limit, unfinished-upload quota and expiry (limits.ts has the defaults). */
  limits?: Partial<UpstreamLimits>
}

/** The counters of `kiosk upstream stats`, read without creating anything; undefined if no database. */
export async function readUpstreamStats(
  dataDir: string,
  database: Pick<UpstreamDatabaseOptions, 'database'> = {},
): Promise<(UpstreamStats & { auditFlags: number }) | undefined> {
  if (database.database === undefined && !existsSync(join(dataDir, UPSTREAM_DATABASE_FILE)))
    return undefined
  // The outbox is not read here: no key is needed.
  const outboxKeys = { key: Buffer.alloc(32), randomBytes: cryptoRandomBytes }
  const store = await openUpstreamStore(dataDir, database, outboxKeys)
  try {
    return { ...(await store.repos.files.stats()), auditFlags: await store.repos.audit.flagCount() }
  } finally {
    await store.close()
  }
}

/** An upstream opened on its data directory, not yet listening. */
export interface Upstream {
  readonly ctx: UpstreamContext
  readonly app: FastifyInstance
  readonly intake: Intake
  readonly review: ReviewService
  readonly keys: UpstreamKeys
  /** Reviewer accounts and their sessions (`kiosk upstream reviewer …`, the review sign-in). */
  readonly reviewers: ReviewerAccounts
  /**
   * Training only: the shared token that signs in as the trainer (in the review URL the kiosk
   * prints). Null on any other upstream, where every reviewer signs in with their own account.
   */
  readonly reviewToken: string | null
  /** SMS delivery to the SMSC, when `sms` was given. */
  readonly sms: SmsDelivery | null
  /** A bare one-time invite (the `code` of a register request). */
  invite(ttlMs?: number): Promise<string>
  /**
   * A registration code for `kiosk terminal register CODE`: a fresh invite with the fingerprint
   * of this upstream's keys (protocol/registration-code.ts), so the station trusts nothing else.
   */
  registrationCode(ttlMs?: number): Promise<string>
  stats(): Promise<UpstreamStats>
  close(): Promise<void>
}

function loadOrCreateReviewToken(dataDir: string, randomBytes: (n: number) => Buffer): string {
  const file = join(dataDir, REVIEW_TOKEN_FILE)
  if (existsSync(file)) return readFileSync(file, 'utf8').trim()
  const token = randomBytes(24).toString('base64url')
  writeFileSync(file, `${token}\n`, { mode: 0o600 })
  return token
}

function keysLocationOf(options: UpstreamOptions) {
  return { dataDir: options.dataDir, ...(options.keysDir ? { keysDir: options.keysDir } : {}) }
}

/** The CSCAs of `<data dir>/trust/` (created empty on first use), with what could not be read logged. */
function loadChipTrust(dataDir: string, log: UpstreamLog) {
  const trustDir = join(dataDir, UPSTREAM_TRUST_DIR)
  mkdirSync(trustDir, { recursive: true })
  const chipTrust = loadTrustStoreSync(trustDir)
  for (const problem of chipTrust.problems) log('trust file not loaded', { ...problem })
  log('trust store loaded', { anchors: chipTrust.anchors.length, dir: trustDir })
  return chipTrust
}

/** The context every layer shares, on an opened store. */
function contextOf(
  options: UpstreamOptions,
  store: UpstreamStore,
  parts: Pick<UpstreamContext, 'keys' | 'chipTrust' | 'now' | 'randomBytes' | 'log'>,
): UpstreamContext {
  return {
    ...parts,
    store,
    repos: store.repos,
    training: options.training ?? false,
    maxSkewMs: options.maxSkewMs ?? DEFAULT_MAX_SKEW_MS,
    maxChunkSize: options.maxChunkSize ?? MAX_CHUNK_SIZE,
    maxFileSize: options.maxFileSize ?? MAX_FILE_SIZE,
    limits: upstreamLimits(options.limits),
  }
}

/**
 * Opens the upstream's data directory: the key pairs and the review token (both created on first
 * use), the trust store, and the database (SQLite in the data directory, or PostgreSQL), migrated.
 * Listening is the caller's choice.
 */
export async function openUpstream(options: UpstreamOptions): Promise<Upstream> {
  const now = options.now ?? (() => new Date())
  const randomBytes = options.randomBytes ?? cryptoRandomBytes
  const log = options.log ?? (() => undefined)
  mkdirSync(options.dataDir, { recursive: true, mode: 0o700 })
  const keys = loadOrCreateUpstreamKeys(keysLocationOf(options), randomBytes)
  const training = options.training ?? false
  const reviewToken = training ? loadOrCreateReviewToken(options.dataDir, randomBytes) : null
  const chipTrust = loadChipTrust(options.dataDir, log)
  const outboxKeys = { key: outboxKeyOf(keys), randomBytes }
  const store = await openUpstreamStore(options.dataDir, options, outboxKeys)
  const ctx = contextOf(options, store, { keys, chipTrust, now, randomBytes, log })
  const sealed = await ctx.repos.smsOutbox.sealLegacy()
  if (sealed > 0) log('sms outbox numbers sealed', { count: sealed })
  const intake = createIntake(ctx)
  const review = createReviewService(ctx, intake)
  const reviewers = createReviewerAccounts({
    repo: ctx.repos.reviewers,
    now,
    randomBytes,
    ...(options.reviewerPasswordCost ? { cost: options.reviewerPasswordCost } : {}),
  })
  if (training) await reviewers.ensureTrainer()
  const app = buildUpstreamApp({
    ctx,
    intake,
    review,
    reviewers,
    reviewToken,
    ...(options.tls ? { tls: options.tls } : {}),
  })
  const sms = options.sms
    ? startSmsDelivery(ctx.repos.smsOutbox, options.sms, {
        clock: options.clock ?? systemClock,
        now,
        log,
      })
    : null
  const uploadPurge = startUploadPurge(() => intake.purgeExpiredUploads(), {
    clock: options.clock ?? systemClock,
    log,
  })
  const invite = (ttlMs?: number) =>
    ctx.repos.invites.create({ now: now(), randomBytes, ...(ttlMs ? { ttlMs } : {}) })
  return {
    ctx,
    app,
    intake,
    review,
    keys,
    reviewers,
    reviewToken,
    sms,
    invite,
    registrationCode: async (ttlMs) =>
      formatRegistrationCode(await invite(ttlMs), keys.publicDocument),
    stats: () => ctx.repos.files.stats(),
    async close() {
      await uploadPurge.stop()
      await sms?.stop()
      await app.close()
      await store.close()
    },
  }
}

export interface ListeningUpstream extends Upstream {
  /** `http://127.0.0.1:PORT`, or `https://…` when serving TLS */
  readonly url: string
  readonly port: number
  /**
   * The review page; on the training upstream with its token in the fragment (never sent to the
   * server in a request line), so the page signs in as the trainer.
   */
  readonly reviewUrl: string
}

/** Opens the upstream and listens on `host:port` (loopback and a free port by default). */
export async function startUpstream(
  options: UpstreamOptions & { host?: string; port?: number },
): Promise<ListeningUpstream> {
  const upstream = await openUpstream(options)
  const host = options.host ?? '127.0.0.1'
  try {
    await upstream.app.listen({ host, port: options.port ?? 0 })
  } catch (error) {
    await upstream.close()
    throw error
  }
  const address = upstream.app.server.address()
  const port = typeof address === 'object' && address ? address.port : (options.port ?? 0)
  const shown = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host
  const scheme = options.tls ? 'https' : 'http'
  const url = `${scheme}://${shown.includes(':') ? `[${shown}]` : shown}:${port}`
  return Object.assign(upstream, {
    url,
    port,
    reviewUrl: upstream.reviewToken
      ? `${url}/review/#token=${encodeURIComponent(upstream.reviewToken)}`
      : `${url}/review/`,
  })
}

/** The in-process training upstream of `npm start` / `npm run host` when no upstream URL is set. */
export interface TrainingUpstream {
  url: string
  reviewUrl: string
  keys: UpstreamKeys['publicDocument']
  /** A registration code (invite and key fingerprint) for the station beside it. */
  invite(): Promise<string>
  close(): Promise<void>
}

/**
 * Starts the training upstream on loopback with a random port, its data under `dataDir`
 * (the kiosk passes a folder inside its own data directory). Files sent here are marked training.
 */
export async function startTrainingUpstream(options: {
  dataDir: string
  log?: UpstreamLog
  now?: () => Date
}): Promise<TrainingUpstream> {
  const upstream = await startUpstream({ ...options, training: true, host: '127.0.0.1', port: 0 })
  return {
    url: upstream.url,
    reviewUrl: upstream.reviewUrl,
    keys: upstream.keys.publicDocument,
    invite: () => upstream.registrationCode(),
    close: () => upstream.close(),
  }
}
