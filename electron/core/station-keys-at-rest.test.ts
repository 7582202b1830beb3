import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { privateKeyToDer } from '../../protocol/packet'
import { seededRandom } from '../../protocol/packet/test-fixtures'
import type { KioskConfig } from './config'
import type { PassphraseCost, StationKeys } from './keys'
import { fileKeyProtector, KeyProtectionError, loadStationKeys } from './keys'
import { silentLogger } from './log'
import { openStation, type Station } from './station'
import { tempKioskConfig } from './test-support'

const TEST_COST: PassphraseCost = { log2N: 10, r: 8, p: 1 }
/** Outside training: real devices and a configured upstream. */
const LIVE: Partial<KioskConfig> = { devices: 'real', upstreamUrl: 'https://intake.example.vn' }

const cleanups: (() => void)[] = []
afterEach(() => {
  for (const cleanup of cleanups.splice(0).reverse()) cleanup()
})

function liveDataDir(overrides: Partial<KioskConfig> = LIVE) {
  const temp = tempKioskConfig(overrides)
  cleanups.push(temp.cleanup)
  const passphraseDir = mkdtempSync(join(tmpdir(), 'kiosk-passfile-'))
  cleanups.push(() => rmSync(passphraseDir, { recursive: true, force: true }))
  const passphraseFile = join(passphraseDir, 'passphrase')
  writeFileSync(passphraseFile, 'cụm mật khẩu của trạm\n', { mode: 0o600 })
  return { config: temp.config, passphraseFile }
}

async function open(
  config: KioskConfig,
  keyProtection: Parameters<typeof openStation>[1]['keyProtection'],
): Promise<Station> {
  const station = await openStation(
    config,
    { shell: 'cli', keyProtection: { passphraseCost: TEST_COST, env: {}, ...keyProtection } },
    {
      log: silentLogger,
      now: () => new Date('2026-12-03T10:00:00Z'),
      randomId: () => 'station-1',
      randomBytes: seededRandom('station'),
    },
  )
  cleanups.push(() => station.db.close())
  return station
}

/** Every form in which the station's secrets could sit in a file. */
function secretForms(keys: StationKeys): { name: string; bytes: Buffer }[] {
  const der = privateKeyToDer(keys.terminal.privateKey)
  const pem = keys.terminal.privateKey.export({ format: 'pem', type: 'pkcs8' }).toString()
  const pemBody = pem.split('\n').filter((line) => line && !line.startsWith('-----'))
  const forms = [
    ['PKCS#8 DER', der],
    ['Ed25519 seed', der.subarray(der.length - 32)],
    ['local key', keys.localKey],
  ] as const
  return forms.flatMap(([name, bytes]) => [
    { name, bytes: Buffer.from(bytes) },
    { name: `${name} (base64)`, bytes: Buffer.from(bytes.toString('base64')) },
    { name: `${name} (base64url)`, bytes: Buffer.from(bytes.toString('base64url')) },
    { name: `${name} (hex)`, bytes: Buffer.from(bytes.toString('hex')) },
    ...(name === 'PKCS#8 DER'
      ? pemBody.map((line) => ({ name: 'PEM', bytes: Buffer.from(line) }))
      : []),
  ])
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    return statSync(path).isDirectory() ? filesUnder(path) : [path]
  })
}

/** `file: form` for each secret form found in a file under `dir`. */
function clearSecretsIn(dir: string, keys: StationKeys): string[] {
  const forms = secretForms(keys)
  return filesUnder(dir).flatMap((path) => {
    const bytes = readFileSync(path)
    return forms.filter((form) => bytes.includes(form.bytes)).map((form) => `${path}: ${form.name}`)
  })
}

describe('station keys at rest', () => {
  it('outside training, leave no private key in clear in any file of the data directory', async () => {
    const { config, passphraseFile } = liveDataDir()
    // A station from before issue 15: its keys in clear files.
    const clear = loadStationKeys(config.dataDir, fileKeyProtector, seededRandom('old keys'))
    expect(clearSecretsIn(config.dataDir, clear).length).toBeGreaterThan(0)

    const station = await open(config, { passphrase: { kind: 'file', path: passphraseFile } })
    expect(station.keyProtection).toEqual({ kind: 'passphrase', notes: [] })
    expect(station.keys.terminal.keyId).toBe(clear.terminal.keyId)
    expect(station.keys.localKey).toEqual(clear.localKey)
    expect(clearSecretsIn(config.dataDir, clear)).toEqual([])
    const migrated = station.audit.recent(10).filter((e) => e.action === 'keys.migrated')
    expect(migrated.map((e) => e.subject).sort()).toEqual(['local.key', 'terminal.key'])
  })

  it('refuse to start a live station with no protector, before opening anything', async () => {
    const { config } = liveDataDir()
    const started = open(config, {})
    await expect(started).rejects.toBeInstanceOf(KeyProtectionError)
    await expect(started).rejects.toMatchObject({ reason: 'passphraseMissing' })
    expect(readdirSync(config.dataDir)).toEqual([])
  })

  it('in training, keep the keys in clear, labelled plain-training in the file', async () => {
    const { config } = liveDataDir({})
    const station = await open(config, {})
    expect(station.keyProtection.kind).toBe('plain-training')
    const file = JSON.parse(readFileSync(join(config.dataDir, 'keys', 'local.key'), 'utf8')) as {
      protector: string
      note: string
    }
    expect(file.protector).toBe('plain-training')
    expect(file.note).toMatch(/TRAINING ONLY/)
  })

  it('seal training keys on the first live start (migration from plain-training)', async () => {
    const { config, passphraseFile } = liveDataDir({})
    const training = await open(config, {})
    const keys = training.keys
    training.db.close()
    cleanups.pop()
    const live = await open(
      { ...config, ...LIVE },
      { passphrase: { kind: 'file', path: passphraseFile } },
    )
    expect(live.keys.localKey).toEqual(keys.localKey)
    expect(clearSecretsIn(config.dataDir, keys)).toEqual([])
  })
})
