import { join } from 'node:path'
import type { RandomBytes } from '../../protocol/packet'
import {
  createAuditCheckpointer,
  createAuditLog,
  withCheckpoints,
  type AuditCheckpointer,
  type AuditLog,
} from './audit'
import { ensureDataDir, type KioskConfig } from './config'
import type { CoreOptions } from './core-options'
import {
  loadStationKeys,
  resolveKeyProtector,
  type KeyProtectionStatus,
  type KeyProtector,
  type StationKeys,
} from './keys'
import type { Logger } from './log'
import {
  createSettingsRepository,
  migrate,
  migrations,
  openDatabase,
  type SettingsRepository,
  type SqliteDatabase,
} from './store'

export const DATABASE_FILE_NAME = 'kiosk.sqlite'

/** The station's own state: its database (migrated), settings, audit log, id and keys. */
export interface Station {
  db: SqliteDatabase
  settings: SettingsRepository
  audit: AuditLog
  /** Signs the audit checkpoints (every N entries, at least daily) that sync ships upstream. */
  auditCheckpointer: AuditCheckpointer
  stationId: string
  keys: StationKeys
  /** Which protector seals the keys, and why stronger ones were passed over. */
  keyProtection: KeyProtectionStatus
}

/** Training mode: simulated devices or the in-process training upstream (nothing reaches a citizen). */
export function isTrainingConfig(config: KioskConfig): boolean {
  return config.devices === 'simulated' || config.upstreamUrl === null
}

/** The key protector of this start: the one the options hand over, or the station's choice. */
export async function stationKeyProtection(
  config: KioskConfig,
  options: Pick<CoreOptions, 'keyProtector' | 'keyProtection'>,
  randomBytes: RandomBytes,
): Promise<{ protector: KeyProtector; status: KeyProtectionStatus }> {
  if (options.keyProtector)
    return { protector: options.keyProtector, status: { kind: 'injected', notes: [] } }
  return resolveKeyProtector(
    config.keys ?? {},
    isTrainingConfig(config),
    options.keyProtection ?? {},
    randomBytes,
  )
}

function createStationId(settings: SettingsRepository, audit: AuditLog, id: string): string {
  settings.set('station.id', id)
  audit.append({ actor: 'system', action: 'station.created', subject: id })
  return id
}

/**
 * Opens the data directory and database, applies migrations, and loads (or makes) the station id
 * and keys. On failure the database is closed again and the error rethrown.
 */
export async function openStation(
  config: KioskConfig,
  options: Pick<CoreOptions, 'shell' | 'keyProtector' | 'keyProtection'>,
  env: { log: Logger; now: () => Date; randomId: () => string; randomBytes: RandomBytes },
): Promise<Station> {
  // Before the database opens: a refused protector (or a wrong passphrase) leaves nothing open.
  const protection = await stationKeyProtection(config, options, env.randomBytes)
  ensureDataDir(config.dataDir)
  const db = openDatabase(join(config.dataDir, DATABASE_FILE_NAME))
  try {
    const applied = migrate(db, migrations)
    if (applied.length) env.log.info('database migrated', { applied })
    const settings = createSettingsRepository(db, env.now)
    const plainAudit = createAuditLog(db, env.now)
    const stationId =
      settings.get<string>('station.id') ?? createStationId(settings, plainAudit, env.randomId())
    const keys = loadStationKeys(
      config.dataDir,
      protection.protector,
      env.randomBytes,
      // The checkpointer needs the terminal key, so a migration is logged plainly; the next append checks.
      (file, from) =>
        plainAudit.append({
          actor: 'system',
          action: 'keys.migrated',
          subject: file,
          details: { from, to: protection.protector.kind },
        }),
    )
    // Checkpoints are signed by the terminal key for the terminal id the upstream knows (the station id).
    const auditCheckpointer = createAuditCheckpointer(db, {
      terminalId: stationId,
      key: keys.terminal,
      ...(config.audit ? { settings: config.audit } : {}),
      now: env.now,
    })
    const audit = withCheckpoints(plainAudit, auditCheckpointer)
    audit.append({
      actor: 'system',
      action: 'core.started',
      details: {
        shell: options.shell,
        devices: config.devices,
        keyProtector: protection.protector.kind,
      },
    })
    return {
      db,
      settings,
      audit,
      auditCheckpointer,
      stationId,
      keys,
      keyProtection: protection.status,
    }
  } catch (error) {
    // A database from a newer kiosk, a full disk…: leave the file closed and untouched.
    db.close()
    throw error
  }
}
