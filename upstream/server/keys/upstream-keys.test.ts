import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { seededRandom } from '../../../protocol/packet/test-fixtures'
import { publicKeyFromBase64, UpstreamPublicKeysSchema } from '../../../protocol'
import {
  loadOrCreateUpstreamKeys,
  readUpstreamPublicKeys,
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
    const created = loadOrCreateUpstreamKeys(dir, seededRandom('k1'))
    expect(created.encryption.privateKey.asymmetricKeyType).toBe('x25519')
    expect(created.signing.privateKey.asymmetricKeyType).toBe('ed25519')
    const loaded = loadOrCreateUpstreamKeys(dir, seededRandom('other seed'))
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
    const created = loadOrCreateUpstreamKeys(dir, seededRandom('k2'))
    const forged = { ...created.publicDocument, signing: { ...created.publicDocument.signing } }
    forged.signing.keyId = '0'.repeat(32)
    writeFileSync(join(dir, UPSTREAM_PUBLIC_KEYS_FILE), JSON.stringify(forged))
    expect(() => loadOrCreateUpstreamKeys(dir, seededRandom('k2'))).toThrow(/does not match/)
  })
})
