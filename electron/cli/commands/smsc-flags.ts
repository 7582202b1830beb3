import { readFileSync } from 'node:fs'
import type { SmsDeliveryOptions } from '../../../upstream/server'
import { EXIT } from '../exit-codes'
import { CliError } from '../output'

/** The flags of `kiosk upstream serve` that reach the SMSC, as parseArgs options. */
export const SMSC_FLAG_OPTIONS = {
  smsc: { type: 'string' },
  'smsc-system-id': { type: 'string' },
  'smsc-password-file': { type: 'string' },
  'smsc-ca': { type: 'string' },
  'sms-source': { type: 'string' },
  'sms-rate': { type: 'string' },
  'sms-retention': { type: 'string' },
} as const

/** What `serve` prints of the SMSC it sends to (never the password). */
export interface SmscSummary {
  url: string
  systemId: string
  source: string
  rate: number
  retentionDays: number
}

export interface SmscFlags {
  delivery: SmsDeliveryOptions
  summary: SmscSummary
}

const DAY_MS = 86_400_000
const DEFAULT_RATE = 10
const DEFAULT_RETENTION_DAYS = 30
/** IANA's SMPP port; 3550 is the usual one for SMPP over TLS (node-smpp's default too). */
const DEFAULT_PORT = { 'smpp:': 2775, 'smpps:': 3550 } as const
/** SMPP 3.4 §4.1.1: system_id is at most 16 octets and password 9, each with its NUL. */
const MAX_SYSTEM_ID = 15
const MAX_PASSWORD = 8

const usage = (code: string, params: Record<string, string | number> = {}, detail?: string) =>
  new CliError(code, params, EXIT.USAGE, detail ?? null)

function endpointOf(value: string): { host: string; port: number; tls: boolean } {
  let url: URL
  try {
    url = new URL(value)
  } catch {
    throw usage('cli.errors.smscUrl', { value })
  }
  if (url.protocol !== 'smpp:' && url.protocol !== 'smpps:')
    throw usage('cli.errors.smscUrl', { value })
  if (url.username || url.password) throw usage('cli.errors.smscCredentialsInUrl')
  const path = url.pathname.replace(/^\/$/, '')
  if (!url.hostname || path || url.search || url.hash) throw usage('cli.errors.smscUrl', { value })
  return {
    host: url.hostname.replace(/^\[(.*)\]$/, '$1'),
    port: url.port ? Number(url.port) : DEFAULT_PORT[url.protocol],
    tls: url.protocol === 'smpps:',
  }
}

function passwordFrom(file: string): string {
  let text: string
  try {
    text = readFileSync(file, 'utf8')
  } catch (error) {
    throw usage('cli.errors.smscPasswordFile', { file }, (error as Error).message)
  }
  const password = text.replace(/\r?\n$/, '')
  if (!password || password.length > MAX_PASSWORD || /[^\x21-\x7e]/.test(password))
    throw usage('cli.errors.smscPassword', { file, max: MAX_PASSWORD })
  return password
}

function numberIn(value: string | undefined, fallback: number, min: number, max: number) {
  if (value === undefined) return fallback
  const n = /^\d+(\.\d+)?$/.test(value) ? Number(value) : NaN
  return n >= min && n <= max ? n : null
}

/** The sender id phones show: a brand name (≤ 11 letters/digits, GSM 03.40) or a number. */
function sourceOf(value: string | undefined): string {
  if (value === undefined) throw usage('cli.errors.smscNeeds', { flag: '--sms-source' })
  if (/^\+?\d{3,15}$/.test(value)) return value.replace(/^\+/, '')
  if (/^[A-Za-z0-9 ._-]{1,11}$/.test(value) && /[A-Za-z]/.test(value)) return value
  throw usage('cli.errors.smsSource', { value })
}

function caFrom(file: string | undefined, tls: boolean): Buffer | undefined {
  if (file === undefined) return undefined
  if (!tls) throw usage('cli.errors.smscCaNeedsTls')
  try {
    return readFileSync(file)
  } catch (error) {
    throw usage('cli.errors.smscCaFile', { file }, (error as Error).message)
  }
}

type Values = Partial<Record<keyof typeof SMSC_FLAG_OPTIONS, string | boolean>>

/**
 * The SMSC `kiosk upstream serve` sends notices to, from its flags; undefined without `--smsc`
 * (the notices then wait in the outbox). Every mistake is a usage error naming the flag.
 */
export function smscFlags(values: Values): SmscFlags | undefined {
  const text = (name: keyof typeof SMSC_FLAG_OPTIONS) => {
    const value = values[name]
    return typeof value === 'string' ? value : undefined
  }
  const smsc = text('smsc')
  if (smsc === undefined) {
    const stray = Object.keys(SMSC_FLAG_OPTIONS).find((name) => name !== 'smsc' && name in values)
    if (stray) throw usage('cli.errors.smsFlagWithoutSmsc', { flag: `--${stray}` })
    return undefined
  }
  const { host, port, tls } = endpointOf(smsc)
  const systemId = text('smsc-system-id')
  if (systemId === undefined) throw usage('cli.errors.smscNeeds', { flag: '--smsc-system-id' })
  if (!new RegExp(`^[\\x21-\\x7e]{1,${MAX_SYSTEM_ID}}$`).test(systemId))
    throw usage('cli.errors.smscSystemId', { max: MAX_SYSTEM_ID })
  const passwordFile = text('smsc-password-file')
  if (passwordFile === undefined)
    throw usage('cli.errors.smscNeeds', { flag: '--smsc-password-file' })
  const password = passwordFrom(passwordFile)
  const sourceAddr = sourceOf(text('sms-source'))
  const rate = numberIn(text('sms-rate'), DEFAULT_RATE, 0.1, 1000)
  if (rate === null) throw usage('cli.errors.smsRate', { value: String(text('sms-rate')) })
  const days = numberIn(text('sms-retention'), DEFAULT_RETENTION_DAYS, 0, 3650)
  if (days === null || !Number.isInteger(days))
    throw usage('cli.errors.smsRetention', { value: String(text('sms-retention')) })
  const ca = caFrom(text('smsc-ca'), tls)
  return {
    delivery: {
      endpoint: { host, port, systemId, password, sourceAddr, tls, ...(ca ? { ca } : {}) },
      ratePerSecond: rate,
      retentionMs: days * DAY_MS,
    },
    summary: {
      url: `${tls ? 'smpps' : 'smpp'}://${host.includes(':') ? `[${host}]` : host}:${port}`,
      systemId,
      source: sourceAddr,
      rate,
      retentionDays: days,
    },
  }
}
