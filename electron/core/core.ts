import { randomUUID } from 'node:crypto'
import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import type { EventName, EventPayload, Language } from '../contract'
import { APP_VERSION } from './app-version'
import { createAuditLog, type AuditLog } from './audit'
import type { KioskConfig } from './config'
import {
  createDeviceManager,
  createRealProvider,
  createSimulatedProvider,
  type DeviceManager,
  type DeviceProvider,
} from './devices'
import { createDispatcher, type Dispatch, type Handlers } from './dispatch'
import { silentLogger, type Logger } from './log'
import {
  createSettingsRepository,
  migrate,
  migrations,
  openDatabase,
  type SettingsRepository,
  type SqliteDatabase,
} from './store'

export type ShellName = 'electron' | 'host' | 'cli'

export const DATABASE_FILE_NAME = 'kiosk.sqlite'

export interface CoreOptions {
  shell: ShellName
  log?: Logger
  now?: () => Date
  randomId?: () => string
  /** Override device providers (tests, or a shell with its own hardware access). */
  providers?: { real?: DeviceProvider; simulated?: DeviceProvider }
  devicePollMs?: number
}

function createStationId(settings: SettingsRepository, audit: AuditLog, id: string): string {
  settings.set('station.id', id)
  audit.append({ actor: 'system', action: 'station.created', subject: id })
  return id
}

type EventListener = <E extends EventName>(event: E, payload: EventPayload<E>) => void

export interface Core {
  readonly config: KioskConfig
  readonly shell: ShellName
  readonly stationId: string
  readonly db: SqliteDatabase
  readonly devices: DeviceManager
  readonly audit: AuditLog
  readonly settings: SettingsRepository
  /** Validates and runs one contract request; never throws. */
  readonly dispatch: Dispatch
  language(): Language
  onEvent(listener: EventListener): () => void
  close(): Promise<void>
}

/**
 * The composition root: every shell (Electron, headless host, CLI) starts the kiosk through here.
 * Opens the data directory and database, applies migrations, and starts the device manager.
 */
export async function createCore(config: KioskConfig, options: CoreOptions): Promise<Core> {
  const log = options.log ?? silentLogger
  const now = options.now ?? (() => new Date())
  const randomId = options.randomId ?? randomUUID

  mkdirSync(config.dataDir, { recursive: true, mode: 0o700 })
  const db = openDatabase(join(config.dataDir, DATABASE_FILE_NAME))
  let settings: SettingsRepository
  let audit: AuditLog
  let stationId: string
  try {
    const applied = migrate(db, migrations)
    if (applied.length) log.info('database migrated', { applied })
    settings = createSettingsRepository(db, now)
    audit = createAuditLog(db, now)
    stationId = settings.get<string>('station.id') ?? createStationId(settings, audit, randomId())
    audit.append({
      actor: 'system',
      action: 'core.started',
      details: { shell: options.shell, devices: config.devices },
    })
  } catch (error) {
    // A database from a newer kiosk, a full disk…: leave the file closed and untouched.
    db.close()
    throw error
  }

  const listeners = new Set<EventListener>()
  const emit: EventListener = (event, payload) => {
    for (const listener of listeners) listener(event, payload)
  }

  const devices = createDeviceManager({
    mode: config.devices,
    now,
    real: options.providers?.real ?? createRealProvider(now),
    simulated: options.providers?.simulated ?? createSimulatedProvider(now),
    ...(options.devicePollMs !== undefined ? { pollMs: options.devicePollMs } : {}),
  })
  devices.onChange((list) => emit('devices.changed', list))
  await devices.refresh()

  let language: Language = config.language
  let closed = false

  const handlers: Handlers = {
    'app.info': () => ({
      appVersion: APP_VERSION,
      shell: options.shell === 'electron' ? 'electron' : 'host',
      language,
      devicesMode: config.devices,
      stationId,
      upstream: { url: config.upstreamUrl, training: config.upstreamUrl === null },
    }),
    'devices.list': () => devices.list(),
    'devices.refresh': () => devices.refresh(),
    'settings.setLanguage': ({ language: next }) => {
      if (next !== language) {
        language = next
        audit.append({ actor: 'station', action: 'ui.language', details: { language: next } })
        emit('app.languageChanged', { language: next })
      }
      return { language }
    },
  }

  log.info('core started', {
    shell: options.shell,
    dataDir: config.dataDir,
    devices: config.devices,
  })

  return {
    config,
    shell: options.shell,
    stationId,
    db,
    devices,
    audit,
    settings,
    dispatch: createDispatcher(handlers, log, () => closed),
    language: () => language,
    onEvent(listener) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
    async close() {
      if (closed) return
      closed = true
      devices.close()
      listeners.clear()
      db.close()
    },
  }
}
