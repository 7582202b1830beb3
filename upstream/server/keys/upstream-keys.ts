import { createPublicKey, type KeyObject } from 'node:crypto'
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import {
  generateTerminalKeyPair,
  generateUpstreamKeyPair,
  privateKeyFromDer,
  privateKeyToDer,
  type KeyPair,
  type RandomBytes,
} from '../../../protocol/packet'
import {
  keyIdOf,
  publicKeyToBase64,
  UpstreamPublicKeysSchema,
  type UpstreamPublicKeys,
} from '../../../protocol'
import { parse } from '../../../lib/schema'

/** The public document the kiosk pins (`kiosk upstream pubkey` prints it). */
export const UPSTREAM_PUBLIC_KEYS_FILE = 'upstream-public.json'
const KEYS_DIR = 'keys'
const ENCRYPTION_KEY_FILE = 'encryption.pkcs8'
const SIGNING_KEY_FILE = 'signing.pkcs8'

export interface UpstreamKeys {
  /** X25519: the data key of every enrollment file is wrapped to it. */
  encryption: KeyPair
  /** Ed25519: signs receipts. */
  signing: KeyPair
  publicDocument: UpstreamPublicKeys
}

function pairOf(privateKey: KeyObject): KeyPair {
  const publicKey = createPublicKey(privateKey)
  return { privateKey, publicKey, keyId: keyIdOf(publicKey) }
}

/** Writes via a temporary file and rename, so a crash never leaves half a key. Owner-only. */
function writeAtomically(file: string, data: Buffer | string): void {
  const temporary = `${file}.tmp`
  writeFileSync(temporary, data, { mode: 0o600 })
  renameSync(temporary, file)
}

function publicDocumentOf(
  upstreamId: string,
  encryption: KeyPair,
  signing: KeyPair,
): UpstreamPublicKeys {
  return {
    upstreamId,
    encryption: {
      type: 'x25519',
      keyId: encryption.keyId,
      publicKey: publicKeyToBase64(encryption.publicKey),
    },
    signing: {
      type: 'ed25519',
      keyId: signing.keyId,
      publicKey: publicKeyToBase64(signing.publicKey),
    },
  }
}

/**
 * Loads the upstream's key pairs from `dataDir`, generating them on first use: private keys as
 * PKCS#8 DER under `keys/` (mode 0600), the public document as `upstream-public.json`.
 */
export function loadOrCreateUpstreamKeys(dataDir: string, randomBytes: RandomBytes): UpstreamKeys {
  const keysDir = join(dataDir, KEYS_DIR)
  const encryptionFile = join(keysDir, ENCRYPTION_KEY_FILE)
  const signingFile = join(keysDir, SIGNING_KEY_FILE)
  const publicFile = join(dataDir, UPSTREAM_PUBLIC_KEYS_FILE)
  if (existsSync(publicFile)) {
    const encryption = pairOf(privateKeyFromDer(readFileSync(encryptionFile)))
    const signing = pairOf(privateKeyFromDer(readFileSync(signingFile)))
    const stored = parse(UpstreamPublicKeysSchema, JSON.parse(readFileSync(publicFile, 'utf8')))
    const publicDocument = publicDocumentOf(stored.upstreamId, encryption, signing)
    if (JSON.stringify(publicDocument) !== JSON.stringify(stored))
      throw new Error(`${publicFile} does not match the private keys in ${keysDir}`)
    return { encryption, signing, publicDocument }
  }
  mkdirSync(keysDir, { recursive: true, mode: 0o700 })
  const encryption = generateUpstreamKeyPair(randomBytes)
  // An Ed25519 pair from 32 random bytes: the same construction as a terminal key.
  const signing = generateTerminalKeyPair(randomBytes)
  writeAtomically(encryptionFile, privateKeyToDer(encryption.privateKey))
  writeAtomically(signingFile, privateKeyToDer(signing.privateKey))
  const publicDocument = publicDocumentOf(
    `upstream-${randomBytes(8).toString('hex')}`,
    encryption,
    signing,
  )
  // Written last: its presence means both private keys are in place.
  writeAtomically(publicFile, `${JSON.stringify(publicDocument, null, 2)}\n`)
  return { encryption, signing, publicDocument }
}

/** Reads the public document only (for `kiosk upstream pubkey`); undefined before first serve. */
export function readUpstreamPublicKeys(dataDir: string): UpstreamPublicKeys | undefined {
  const file = join(dataDir, UPSTREAM_PUBLIC_KEYS_FILE)
  if (!existsSync(file)) return undefined
  return parse(UpstreamPublicKeysSchema, JSON.parse(readFileSync(file, 'utf8')))
}
