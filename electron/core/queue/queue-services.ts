import { CatalogueError, messageRef } from '../../../lib/messages'
import { readFileSync, statfsSync } from 'node:fs'
import { join } from 'node:path'
import type { QueueItem, QueueStatus } from '../../contract'
import type { AuditLog } from '../audit'
import {
  DEFAULT_FREEZE_LIMITS,
  DEFAULT_SYNC_SETTINGS,
  type FreezeLimits,
  type SyncSettings,
} from '../config'
import type { StationKeys } from '../keys'
import { openLocal, sealLocal } from '../keys'
import type { Logger } from '../log'
import type { RandomBytes } from '../../../protocol/packet'
import {
  createDraftRepository,
  createQueueRepository,
  createReceiptRepository,
  createSyncStateRepository,
  createTerminalRegistrationRepository,
  type DraftRepository,
  type QueueEntry,
  type QueueListOptions,
  type QueueRepository,
  type ReceiptRepository,
  type SqliteDatabase,
  type SyncStateRepository,
  type TerminalRegistration,
} from '../store'
import {
  createSyncScheduler,
  createSyncService,
  createUpstreamClient,
  exportQueue,
  parseUpstreamPublicKeys,
  registerTerminal,
  type ExportResult,
  type SyncPassResult,
  type SyncScheduler,
  type SyncService,
  type UpstreamClient,
} from '../sync'
import { evaluateFreeze, type FreezeReason } from './freeze'
import { createOutbox, type Outbox } from './outbox'
import { createSubmitter, type SubmitInput, type SubmitResult } from './submit'

export const OUTBOX_DIR_NAME = 'outbox'
/** An installer may pin the upstream's keys here; registration then refuses any other upstream. */
export const PINNED_UPSTREAM_KEYS_FILE = 'upstream-public.json'
/** A body younger than this with no row may be a submit in progress in another process. */
const ORPHAN_MIN_AGE_MS = 10 * 60 * 1000

/** Where the upstream is: a configured URL, or the in-process training upstream a shell started. */
export interface UpstreamTarget {
  url: string
  training: boolean
  /** Training only: a fresh invite code, so the station registers itself without an operator. */
  invite?: () => string | Promise<string>
}

export interface QueueServicesDeps {
  db: SqliteDatabase
  audit: AuditLog
  dataDir: string
  stationId: string
  keys: StationKeys
  software: { name: string; version: string }
  sync?: Partial<SyncSettings>
  freeze?: Partial<FreezeLimits>
  upstream: UpstreamTarget | null
  now: () => Date
  randomBytes: RandomBytes
  random: () => number
  randomId: () => string
  log: Logger
  freeDiskBytes?: (dir: string) => number
  fetch?: typeof fetch
  onChange?: (status: QueueStatus) => void
}

/** The outbox side of the core: submit, the queue screen, sync, registration, export, drafts. */
export interface QueueServices {
  readonly settings: SyncSettings
  readonly limits: FreezeLimits
  readonly outbox: Outbox
  readonly repository: QueueRepository
  readonly receipts: ReceiptRepository
  readonly syncState: SyncStateRepository
  readonly drafts: DraftRepository
  readonly sync: SyncService
  submit(input: SubmitInput): SubmitResult
  freezeReason(): FreezeReason | null
  status(): QueueStatus
  list(options?: QueueListOptions): QueueItem[]
  registration(): TerminalRegistration | undefined
  upstream(): UpstreamTarget | null
  register(code: string): Promise<TerminalRegistration>
  /** Registers with the training upstream unless this station is registered with it already. */
  ensureTrainingRegistration(): Promise<void>
  exportTo(destination: string): ExportResult
  startBackgroundSync(): void
  close(): Promise<void>
}

export function statfsFreeBytes(dir: string): number {
  const stats = statfsSync(dir)
  return Number(stats.bavail) * Number(stats.bsize)
}

function itemOf(e: QueueEntry): QueueItem {
  return {
    fileId: e.fileId,
    size: e.size,
    submittedAt: e.submittedAt,
    state: e.state,
    attempts: e.attempts,
    nextAttemptAt: e.nextAttemptAt,
    lastError: e.lastError,
    deadReason: e.deadReason,
    upstreamState: e.upstreamState,
    upstreamReason: e.upstreamReason,
    simulated: e.simulated,
  }
}

export function createQueueServices(deps: QueueServicesDeps): QueueServices {
  const settings: SyncSettings = { ...DEFAULT_SYNC_SETTINGS, ...deps.sync }
  const limits: FreezeLimits = { ...DEFAULT_FREEZE_LIMITS, ...deps.freeze }
  const freeDisk = deps.freeDiskBytes ?? statfsFreeBytes
  const queue = createQueueRepository(deps.db)
  const receipts = createReceiptRepository(deps.db)
  const syncState = createSyncStateRepository(deps.db)
  const registrations = createTerminalRegistrationRepository(deps.db)
  const outbox = createOutbox(join(deps.dataDir, OUTBOX_DIR_NAME))
  const drafts = createDraftRepository(
    deps.db,
    {
      seal: (plain, draftId) => sealLocal(deps.keys.localKey, plain, draftId, deps.randomBytes),
      open: (sealed, draftId) => openLocal(deps.keys.localKey, sealed, draftId),
    },
    deps.now,
  )

  const orphans = outbox.sweep((id) => queue.has(id), deps.now().getTime(), ORPHAN_MIN_AGE_MS)
  if (orphans.length) deps.log.warn('removed bodies of submits that never committed', { orphans })

  // Read fresh each time (one indexed row): another process (`kiosk terminal register`) may change it.
  const currentRegistration = () => registrations.get()

  let client: UpstreamClient | null = null
  const clientFor = (): UpstreamClient | null => {
    if (!deps.upstream) return null
    if (client?.baseUrl !== deps.upstream.url.replace(/\/+$/, ''))
      client = createUpstreamClient({
        baseUrl: deps.upstream.url,
        terminalId: deps.stationId,
        privateKey: deps.keys.terminal.privateKey,
        now: deps.now,
        randomBytes: deps.randomBytes,
        timeoutMs: settings.requestTimeoutMs,
        ...(deps.fetch ? { fetch: deps.fetch } : {}),
      })
    return client
  }

  const freezeReason = () => {
    const state = syncState.get()
    const registration = currentRegistration()
    return evaluateFreeze(
      {
        registered: registration !== undefined,
        freeDiskBytes: freeDisk(deps.dataDir),
        unsyncedFiles: queue.unsyncedCount(),
        lastSyncAt: state.lastSuccessAt ?? registration?.registeredAt ?? null,
        now: deps.now(),
      },
      limits,
    )
  }

  const status = (): QueueStatus => {
    const registration = currentRegistration()
    const summary = queue.summary()
    const state = syncState.get()
    return {
      counts: {
        total: summary.total,
        queued: summary.queued,
        sent: summary.sent,
        dead: summary.dead,
        received: summary.received,
        approved: summary.approved,
        rejected: summary.rejected,
      },
      bytesOnDisk: summary.bytesOnDisk,
      oldestQueuedAt: summary.oldestQueuedAt,
      nextAttemptAt: summary.nextAttemptAt,
      sync: {
        online: state.online,
        lastPassAt: state.lastPassAt,
        lastSuccessAt: state.lastSuccessAt,
        lastError: state.lastError,
      },
      freeze: freezeReason(),
      terminal: {
        id: deps.stationId,
        keyId: deps.keys.terminal.keyId,
        registered: registration !== undefined,
        upstreamId: registration?.upstreamId ?? null,
      },
    }
  }

  const changed = () => {
    if (deps.onChange) deps.onChange(status())
  }

  const submitter = createSubmitter({
    db: deps.db,
    queue,
    audit: deps.audit,
    outbox,
    terminal: deps.keys.terminal,
    stationId: deps.stationId,
    software: deps.software,
    registration: currentRegistration,
    freeze: freezeReason,
    now: deps.now,
    randomBytes: deps.randomBytes,
    randomId: deps.randomId,
  })

  const sync = createSyncService({
    db: deps.db,
    queue,
    receipts,
    syncState,
    audit: deps.audit,
    outbox,
    registration: currentRegistration,
    client: clientFor,
    settings,
    now: deps.now,
    random: deps.random,
    log: deps.log,
    onChange: changed,
  })

  let scheduler: SyncScheduler | null = null

  const register = async (code: string): Promise<TerminalRegistration> => {
    const target = clientFor()
    if (!target) throw new CatalogueError(messageRef('messages.queue.noUpstream'))
    const pinned = readPinnedKeys(deps.dataDir)
    const result = await registerTerminal({
      client: target,
      terminalId: deps.stationId,
      terminal: deps.keys.terminal,
      code,
      ...(pinned ? { pinnedKeys: pinned } : {}),
    })
    deps.db.transaction(() => {
      registrations.set(result)
      deps.audit.append({
        actor: 'station',
        action: 'terminal.registered',
        subject: result.terminalId,
        details: { upstreamId: result.upstreamId, keyId: result.keyId },
      })
    })()
    changed()
    return result
  }

  return {
    settings,
    limits,
    outbox,
    repository: queue,
    receipts,
    syncState,
    drafts,
    sync,
    submit(input) {
      const result = submitter(input)
      changed()
      scheduler?.poke()
      return result
    },
    freezeReason,
    status,
    list: (options) => queue.list(options).map(itemOf),
    registration: currentRegistration,
    upstream: () => deps.upstream,
    register,
    async ensureTrainingRegistration() {
      const target = deps.upstream
      const client = clientFor()
      if (!target?.training || !target.invite || !client) return
      const registration = currentRegistration()
      // A training upstream whose data was reset is a new upstream: register with it again.
      if (registration && (await client.info()).keys.upstreamId === registration.upstreamId) return
      await register(await target.invite())
    },
    exportTo(destination) {
      const result = exportQueue({
        destination,
        queue,
        outbox,
        terminal: deps.keys.terminal,
        terminalId: deps.stationId,
        now: deps.now(),
      })
      deps.audit.append({
        actor: 'station',
        action: 'queue.exported',
        details: { files: result.files, bytes: result.bytes },
      })
      return result
    },
    startBackgroundSync() {
      scheduler ??= createSyncScheduler({
        runPass: () => sync.runPass(),
        intervalMs: settings.intervalMs,
      })
      scheduler.start()
    },
    async close() {
      await scheduler?.stop()
    },
  }
}

function readPinnedKeys(dataDir: string) {
  let text: string
  try {
    text = readFileSync(join(dataDir, PINNED_UPSTREAM_KEYS_FILE), 'utf8')
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined
    throw error
  }
  return parseUpstreamPublicKeys(JSON.parse(text))
}

export type { SyncPassResult }
