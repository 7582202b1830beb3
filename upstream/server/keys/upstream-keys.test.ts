import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { seededRandom } from '../../../protocol/packet/test-fixtures'
import { publicKeyFromBase64, UpstreamPublicKeysSchema } from '../../../protocol'
import {
  keysInsideDataDir,
  loadOrCreateUpstreamKeys,
  readUpstreamPublicKeys,
  UpstreamKeysError,
  UPSTREAM_PUBLIC_KEYS_FILE,
} from './upstream-keys'
import { parse } from '../../../lib/schema'

const dirs: string[] = []
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })))
function tempDir() {
  const dir = mkdtempSync(join(tmpdir(), 'upstream-keys-'))
  dirs.push(dir)
  return dir
}

describe('upstream keys', () => {
  it('generates X25519 and Ed25519 pairs once, then loads the same ones', () => {
    const dir = tempDir()
    expect(readUpstreamPublicKeys(dir)).toBeUndefined()
    const created = loadOrCreateUpstreamKeys({ dataDir: dir }, seededRandom('k1'))
    expect(created.encryption.privateKey.asymmetricKeyType).toBe('x25519')
    expect(created.signing.privateKey.asymmetricKeyType).toBe('ed25519')
    const loaded = loadOrCreateUpstreamKeys({ dataDir: dir }, seededRandom('other seed'))
    expect(loaded.publicDocument).toEqual(created.publicDocument)
    expect(readUpstreamPublicKeys(dir)).toEqual(created.publicDocument)
    const doc = parse(
      UpstreamPublicKeysSchema,
      JSON.parse(readFileSync(join(dir, UPSTREAM_PUBLIC_KEYS_FILE), 'utf8')),
    )
    expect(publicKeyFromBase64(doc.signing.publicKey).asymmetricKeyType).toBe('ed25519')
    expect(statSync(join(dir, 'keys', 'encryption.pkcs8')).mode & 0o077).toBe(0)
    expect(statSync(join(dir, 'keys', 'signing.pkcs8')).mode & 0o077).toBe(0)
  })

  it('refuses a public document that does not match the private keys', () => {
    const dir = tempDir()
    const created = loadOrCreateUpstreamKeys({ dataDir: dir }, seededRandom('k2'))
    const forged = { ...created.publicDocument, signing: { ...created.publicDocument.signing } }
    forged.signing.keyId = '0'.repeat(32)
    writeFileSync(join(dir, UPSTREAM_PUBLIC_KEYS_FILE), JSON.stringify(forged))
    expect(() => loadOrCreateUpstreamKeys({ dataDir: dir }, seededRandom('k2'))).toThrow(
      UpstreamKeysError,
    )
  })

  it('keeps the private keys in a folder outside the data directory when given one', () => {
    const dataDir = tempDir()
    const keysDir = join(tempDir(), 'upstream-keys')
    const created = loadOrCreateUpstreamKeys({ dataDir, keysDir }, seededRandom('k3'))
    expect(existsSync(join(dataDir, 'keys'))).toBe(false)
    expect(statSync(join(keysDir, 'encryption.pkcs8')).mode & 0o077).toBe(0)
    expect(statSync(keysDir).mode & 0o077).toBe(0)
    expect(readUpstreamPublicKeys(dataDir)).toEqual(created.publicDocument)
    const loaded = loadOrCreateUpstreamKeys({ dataDir, keysDir }, seededRandom('other'))
    expect(loaded.publicDocument).toEqual(created.publicDocument)
  })

  it('says the keys are missing when the data directory is opened without its keys folder', () => {
    const dataDir = tempDir()
    const keysDir = join(tempDir(), 'k')
    loadOrCreateUpstreamKeys({ dataDir, keysDir }, seededRandom('k4'))
    const problem = captureProblem(() => loadOrCreateUpstreamKeys({ dataDir }, seededRandom('x')))
    expect(problem).toMatchObject({ problem: 'missing', keysDir: join(dataDir, 'keys') })
    // Nothing was generated in its place: the next start with the right folder still works.
    expect(existsSync(join(dataDir, 'keys'))).toBe(false)
    expect(() => loadOrCreateUpstreamKeys({ dataDir, keysDir }, seededRandom('x'))).not.toThrow()
  })

  it('refuses keys of another upstream, a damaged key, and keys without their public document', () => {
    const dataDir = tempDir()
    const otherData = tempDir()
    const keysDir = join(tempDir(), 'k')
    const otherKeys = join(tempDir(), 'k')
    loadOrCreateUpstreamKeys({ dataDir, keysDir }, seededRandom('k5'))
    loadOrCreateUpstreamKeys({ dataDir: otherData, keysDir: otherKeys }, seededRandom('k6'))
    const open = (keys: string, data = dataDir) =>
      captureProblem(() =>
        loadOrCreateUpstreamKeys({ dataDir: data, keysDir: keys }, seededRandom('z')),
      )
    expect(open(otherKeys)).toMatchObject({ problem: 'mismatch' })
    expect(open(keysDir, tempDir())).toMatchObject({ problem: 'mismatch' })
    writeFileSync(join(keysDir, 'signing.pkcs8'), Buffer.from('not a key'))
    expect(open(keysDir)).toMatchObject({ problem: 'unreadable' })
  })

  it('tells a keys folder inside the data directory from one outside it', () => {
    expect(keysInsideDataDir({ dataDir: '/srv/upstream' })).toBe(true)
    expect(keysInsideDataDir({ dataDir: '/srv/upstream', keysDir: '/srv/upstream/k' })).toBe(true)
    expect(keysInsideDataDir({ dataDir: '/srv/upstream', keysDir: '/srv/upstream' })).toBe(true)
    expect(keysInsideDataDir({ dataDir: '/srv/upstream', keysDir: '/etc/upstream-keys' })).toBe(
      false,
    )
    expect(keysInsideDataDir({ dataDir: '/srv/upstream', keysDir: '/srv/upstream-keys' })).toBe(
      false,
    )
  })
})

function captureProblem(open: () => unknown): UpstreamKeysError | undefined {
  try {
    open()
  } catch (error) {
    if (error instanceof UpstreamKeysError) return error
    throw error
  }
  return undefined
}
