import { readFileSync } from 'node:fs'
import { homedir } from 'node:os'
import { join, resolve } from 'node:path'
import { z } from 'zod'
import { DeviceModeSchema, LanguageSchema } from '../../contract'
import {
  FreezeLimitsSchema,
  SyncSettingsSchema,
  type FreezeLimits,
  type SyncSettings,
} from './queue-settings'
import { safeParse } from '../../../lib/schema'
import { OfficerSettingsSchema, type OfficerSettings } from '../officers/officer-settings'
import { PortraitConfigSchema, type PortraitConfig } from '../portrait/portrait-settings'
import { BarcodeConfigSchema, type BarcodeConfig } from '../barcode/barcode-config'
import { AuditSettingsSchema, type AuditSettings } from '../audit/audit-settings'
import { KeysConfigSchema, type KeysConfig } from '../keys/key-config'
import { FingerprintConfigSchema, type FingerprintConfig } from '../fingerprint/fingerprint-config'
import { bilingualMessage } from '../../../lib/messages'
import { upstreamUrlVerdict } from './upstream-url'
import { KioskSettingsSchema, type KioskSettings } from './kiosk-settings'

/** The kiosk's settings after every source has been applied. */
export interface KioskConfig {
  dataDir: string
  devices: z.infer<typeof DeviceModeSchema>
  /** The intake server; null means a training upstream runs in-process on loopback. */
  upstreamUrl: string | null
  /**
   * A PEM file of the CA the upstream's TLS certificate must chain to (relative paths are in the
   * data directory); when set, no other CA is trusted for the upstream. From the config file only.
   */
  upstreamCaFile?: string
  language: z.infer<typeof LanguageSchema>
  /** Sync tuning from the config file only; defaults fill what is not set. */
  sync?: Partial<SyncSettings>
  /** Freeze limits from the config file only; defaults fill what is not set. */
  freeze?: Partial<FreezeLimits>
  /** Lockout, idle lock and setup-code lifetime from the config file only; defaults fill the rest. */
  officers?: Partial<OfficerSettings>
  /** Portrait limits, auto-capture and match threshold from the config file only. */
  portrait?: PortraitConfig
  /** Serial ports that hold a QR scanner, from the config file only. */
  barcode?: BarcodeConfig
  /** When audit checkpoints are signed, from the config file only; defaults fill the rest. */
  audit?: Partial<AuditSettings>
  /** How the station keys are protected (electron/core/keys), from the config file only. */
  keys?: KeysConfig
  /** The finger records' image format, from the config file only. */
  fingerprint?: FingerprintConfig
  /** Kiosk behaviour (the supervisor exit chord), from the config file only. */
  kiosk?: KioskSettings
}

/** The settings any source can give: flag, environment, file. */
export type ConfigKey = 'dataDir' | 'devices' | 'upstreamUrl' | 'language'
export type ConfigSource = 'flag' | 'env' | 'file' | 'default'

export interface LoadedConfig {
  config: KioskConfig
  /** Which source each value came from, for `kiosk doctor` and support calls. */
  sources: Record<ConfigKey, ConfigSource>
  /** The config file read, or that would be read if it existed. */
  configFile: string
}

/** Values given on the command line; each shell parses its own argv into this. */
export type ConfigFlags = Partial<Record<ConfigKey, string>>

export const CONFIG_FILE_NAME = 'config.json'

export const ENV_VARS: Record<ConfigKey, string> = {
  dataDir: 'KIOSK_DATA_DIR',
  devices: 'KIOSK_DEVICES',
  upstreamUrl: 'KIOSK_UPSTREAM_URL',
  language: 'KIOSK_LANG',
}

export const FLAG_NAMES: Record<ConfigKey, string> = {
  dataDir: 'data-dir',
  devices: 'devices',
  upstreamUrl: 'upstream-url',
  language: 'lang',
}

const UpstreamUrlSchema = z
  .string()
  .url()
  .superRefine((url, ctx) => {
    const verdict = upstreamUrlVerdict(url)
    if (verdict === 'not-http') ctx.addIssue({ code: 'custom', message: 'must be an https URL' })
    if (verdict === 'insecure')
      ctx.addIssue({
        code: 'custom',
        message: bilingualMessage('messages.sync.insecureUpstreamUrl', { url }),
      })
  })

/** The config file may set everything except the data directory, which is where it lives. */
const ConfigFileSchema = z
  .object({
    devices: DeviceModeSchema,
    upstreamUrl: UpstreamUrlSchema.nullable(),
    upstreamCaFile: z.string().min(1).max(1000),
    language: LanguageSchema,
    sync: SyncSettingsSchema.partial(),
    freeze: FreezeLimitsSchema.partial(),
    officers: OfficerSettingsSchema.partial(),
    portrait: PortraitConfigSchema,
    barcode: BarcodeConfigSchema,
    audit: AuditSettingsSchema.partial(),
    keys: KeysConfigSchema,
    fingerprint: FingerprintConfigSchema,
    kiosk: KioskSettingsSchema,
  })
  .partial()
  .strict()

const valueSchemas = {
  dataDir: z.string().min(1),
  devices: DeviceModeSchema,
  upstreamUrl: UpstreamUrlSchema,
  language: LanguageSchema,
} as const

/** A setting that cannot be used; the message names the source and the bad value. */
export class ConfigError extends Error {
  constructor(
    readonly key: ConfigKey | 'file',
    readonly source: ConfigSource,
    message: string,
  ) {
    super(message)
    this.name = 'ConfigError'
  }
}

export function defaultDataDir(
  platform: NodeJS.Platform = process.platform,
  env: NodeJS.ProcessEnv = process.env,
): string {
  if (platform === 'win32')
    return join(env.LOCALAPPDATA ?? join(homedir(), 'AppData', 'Local'), 'vneid-kiosk')
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', 'vneid-kiosk')
  return join(env.XDG_DATA_HOME ?? join(homedir(), '.local', 'share'), 'vneid-kiosk')
}

export interface LoadConfigOptions {
  flags?: ConfigFlags
  env?: NodeJS.ProcessEnv
  /** Shell-specific defaults, e.g. the Electron shell uses `auto` devices when packaged. */
  defaults?: Partial<KioskConfig>
  readFile?: (path: string) => string | null
}

/**
 * Resolves the configuration: command-line flags > environment > config file in the data directory
 * > defaults. Every value is validated; a bad one is a ConfigError, never silently ignored.
 */
export function loadConfig(options: LoadConfigOptions = {}): LoadedConfig {
  const flags = options.flags ?? {}
  const env = options.env ?? process.env
  const readFile = options.readFile ?? readFileIfPresent
  const defaults: Pick<KioskConfig, ConfigKey> = {
    dataDir: defaultDataDir(process.platform, env),
    devices: 'simulated',
    upstreamUrl: null,
    language: 'vi',
    ...options.defaults,
  }

  const pick = <K extends ConfigKey>(key: K, file: Partial<KioskConfig>) => {
    const flag = flags[key]
    if (flag !== undefined) return { value: parseValue(key, flag, 'flag'), source: 'flag' as const }
    const fromEnv = env[ENV_VARS[key]]
    if (fromEnv !== undefined && fromEnv !== '')
      return { value: parseValue(key, fromEnv, 'env'), source: 'env' as const }
    if (file[key] !== undefined) return { value: file[key], source: 'file' as const }
    return { value: defaults[key], source: 'default' as const }
  }

  const dataDir = pick('dataDir', {})
  const resolvedDataDir = resolve(String(dataDir.value))
  const configFile = join(resolvedDataDir, CONFIG_FILE_NAME)
  const file = parseConfigFile(configFile, readFile(configFile))
  const devices = pick('devices', file)
  const upstreamUrl = pick('upstreamUrl', file)
  const language = pick('language', file)

  return {
    config: {
      dataDir: resolvedDataDir,
      devices: devices.value as KioskConfig['devices'],
      upstreamUrl: upstreamUrl.value as KioskConfig['upstreamUrl'],
      language: language.value as KioskConfig['language'],
      ...(file.sync ? { sync: file.sync } : {}),
      ...(file.freeze ? { freeze: file.freeze } : {}),
      ...(file.officers ? { officers: file.officers } : {}),
      ...(file.portrait ? { portrait: file.portrait as PortraitConfig } : {}),
      ...(file.barcode ? { barcode: file.barcode } : {}),
      ...(file.audit ? { audit: file.audit } : {}),
      ...(file.keys ? { keys: file.keys } : {}),
      ...(file.fingerprint ? { fingerprint: file.fingerprint } : {}),
      ...(file.upstreamCaFile ? { upstreamCaFile: file.upstreamCaFile } : {}),
      ...(file.kiosk ? { kiosk: file.kiosk } : {}),
    },
    sources: {
      dataDir: dataDir.source,
      devices: devices.source,
      upstreamUrl: upstreamUrl.source,
      language: language.source,
    },
    configFile,
  }
}

function parseValue(key: ConfigKey, raw: string, source: ConfigSource): unknown {
  const parsed = safeParse(valueSchemas[key], raw)
  if (!parsed.success) {
    const where = source === 'flag' ? `--${FLAG_NAMES[key]}` : ENV_VARS[key]
    throw new ConfigError(
      key,
      source,
      `${where}: invalid value "${raw}" (${summary(parsed.error)})`,
    )
  }
  return parsed.data
}

function parseConfigFile(path: string, text: string | null): Partial<KioskConfig> {
  if (text === null) return {}
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch (error) {
    throw new ConfigError('file', 'file', `${path}: not valid JSON (${(error as Error).message})`)
  }
  const parsed = safeParse(ConfigFileSchema, json)
  if (!parsed.success) throw new ConfigError('file', 'file', `${path}: ${summary(parsed.error)}`)
  return parsed.data
}

function readFileIfPresent(path: string): string | null {
  try {
    return readFileSync(path, 'utf8')
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null
    throw error
  }
}

function summary(error: z.ZodError): string {
  return error.issues
    .map((i) => (i.path.length ? `${i.path.join('.')}: ${i.message}` : i.message))
    .join('; ')
}
