import { join } from 'node:path'
import type { QueueItem, QueueStatus } from '../../contract'
import {
  DEFAULT_FREEZE_LIMITS,
  DEFAULT_SYNC_SETTINGS,
  type FreezeLimits,
  type SyncSettings,
} from '../config'
import { openLocal, sealLocal } from '../keys'
import {
  createDraftRepository,
  createQueueRepository,
  createReceiptRepository,
  createSyncStateRepository,
  createTerminalRegistrationRepository,
  type DraftRepository,
  type QueueListOptions,
  type QueueRepository,
  type ReceiptRepository,
  type SyncStateRepository,
  type TerminalRegistration,
} from '../store'
import {
  createSyncScheduler,
  createSyncService,
  exportQueue,
  type ExportResult,
  type SyncPassResult,
  type SyncScheduler,
  type SyncService,
} from '../sync'
import type { FreezeReason } from './freeze'
import { createOutbox, type Outbox } from './outbox'
import type { QueueServicesDeps, UpstreamTarget } from './queue-deps'
import { createQueueStatus, itemOf } from './queue-status'
import { createSubmitter, type SubmitInput, type SubmitResult } from './submit'
import { createUpstreamConnection } from './upstream-connection'

export type { QueueServicesDeps, UpstreamTarget } from './queue-deps'
export { statfsFreeBytes } from './queue-status'
export { PINNED_UPSTREAM_KEYS_FILE } from './upstream-connection'

export const OUTBOX_DIR_NAME = 'outbox'
/** A body younger than this with no row may be a submit in progress in another process. */
const ORPHAN_MIN_AGE_MS = 10 * 60 * 1000

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

/** The repositories and the outbox folder, with the bodies of submits that never committed swept. */
function openQueueStores(deps: QueueServicesDeps) {
  const queue = createQueueRepository(deps.db)
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
  return {
    queue,
    receipts: createReceiptRepository(deps.db),
    syncState: createSyncStateRepository(deps.db),
    registrations: createTerminalRegistrationRepository(deps.db),
    outbox,
    drafts,
  }
}

export function createQueueServices(deps: QueueServicesDeps): QueueServices {
  const settings: SyncSettings = { ...DEFAULT_SYNC_SETTINGS, ...deps.sync }
  const limits: FreezeLimits = { ...DEFAULT_FREEZE_LIMITS, ...deps.freeze }
  const { queue, receipts, syncState, registrations, outbox, drafts } = openQueueStores(deps)
  const { freezeReason, status } = createQueueStatus(deps, {
    queue,
    syncState,
    registrations,
    limits,
  })
  const changed = () => {
    if (deps.onChange) deps.onChange(status())
  }
  // Read fresh each time (one indexed row): another process (`kiosk terminal register`) may change it.
  const currentRegistration = () => registrations.get()
  const connection = createUpstreamConnection(deps, settings, registrations, changed)
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
    client: connection.client,
    settings,
    now: deps.now,
    random: deps.random,
    log: deps.log,
    onChange: changed,
    ...(deps.onSyncProgress ? { onProgress: deps.onSyncProgress } : {}),
    ...(deps.auditCheckpointer ? { auditCheckpointer: deps.auditCheckpointer } : {}),
  })
  const background = backgroundSync(sync, settings)

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
      background.poke()
      return result
    },
    freezeReason,
    status,
    list: (options) => queue.list(options).map(itemOf),
    registration: currentRegistration,
    upstream: () => deps.upstream,
    register: connection.register,
    ensureTrainingRegistration: connection.ensureTrainingRegistration,
    exportTo: (destination) => exportTo(deps, { queue, outbox }, destination),
    startBackgroundSync: background.start,
    close: background.stop,
  }
}

/** Passes in the background once started; a submit pokes the scheduler so it syncs soon. */
function backgroundSync(sync: SyncService, settings: SyncSettings) {
  let scheduler: SyncScheduler | null = null
  return {
    start() {
      scheduler ??= createSyncScheduler({
        runPass: () => sync.runPass(),
        intervalMs: settings.intervalMs,
      })
      scheduler.start()
    },
    poke: () => scheduler?.poke(),
    async stop() {
      await scheduler?.stop()
    },
  }
}

/** Writes every queued file to export media, and audits it. */
function exportTo(
  deps: QueueServicesDeps,
  { queue, outbox }: { queue: QueueRepository; outbox: Outbox },
  destination: string,
): ExportResult {
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
}

export type { SyncPassResult }
