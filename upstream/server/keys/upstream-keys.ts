import { createPublicKey, type KeyObject } from 'node:crypto'
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs'
import { isAbsolute, join, relative, resolve } from 'node:path'
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

/** Where the upstream's key pairs live: the data directory's `keys/` unless given elsewhere. */
export interface UpstreamKeysLocation {
  dataDir: string
  keysDir?: string
}

/** The private keys' folder of a location. */
export function keysDirOf(location: UpstreamKeysLocation): string {
  return location.keysDir ?? join(location.dataDir, KEYS_DIR)
}

/**
 * True when the private keys sit inside the data directory: a copy of the data (a backup, a
 * disk sent for repair) then carries the key that opens every file in it.
 */
export function keysInsideDataDir(location: UpstreamKeysLocation): boolean {
  const path = relative(resolve(location.dataDir), resolve(keysDirOf(location)))
  return path === '' || (!path.startsWith('..') && !isAbsolute(path))
}

/** Why the key pairs could not be used; the CLI names each with its next action. */
export type UpstreamKeysProblem = 'missing' | 'unreadable' | 'mismatch'

export class UpstreamKeysError extends Error {
  constructor(
    readonly problem: UpstreamKeysProblem,
    readonly keysDir: string,
    detail: string,
  ) {
    super(`upstream keys ${problem} in ${keysDir}: ${detail}`)
    this.name = 'UpstreamKeysError'
  }
}

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

function readPrivateKey(keysDir: string, name: string): KeyObject {
  const file = join(keysDir, name)
  if (!existsSync(file)) throw new UpstreamKeysError('missing', keysDir, `${name} is not there`)
  try {
    return privateKeyFromDer(readFileSync(file))
  } catch (error) {
    throw new UpstreamKeysError('unreadable', keysDir, `${name}: ${(error as Error).message}`)
  }
}

function loadUpstreamKeys(publicFile: string, keysDir: string): UpstreamKeys {
  const encryption = pairOf(readPrivateKey(keysDir, ENCRYPTION_KEY_FILE))
  const signing = pairOf(readPrivateKey(keysDir, SIGNING_KEY_FILE))
  const stored = parse(UpstreamPublicKeysSchema, JSON.parse(readFileSync(publicFile, 'utf8')))
  const publicDocument = publicDocumentOf(stored.upstreamId, encryption, signing)
  if (JSON.stringify(publicDocument) !== JSON.stringify(stored))
    throw new UpstreamKeysError('mismatch', keysDir, `${publicFile} does not match these keys`)
  return { encryption, signing, publicDocument }
}

function createUpstreamKeys(
  publicFile: string,
  keysDir: string,
  randomBytes: RandomBytes,
): UpstreamKeys {
  // Keys already here without the data's public document would be given a new upstream id
  // that no registered station knows: refuse rather than fork the upstream's identity.
  for (const name of [ENCRYPTION_KEY_FILE, SIGNING_KEY_FILE])
    if (existsSync(join(keysDir, name)))
      throw new UpstreamKeysError('mismatch', keysDir, `${name} exists but ${publicFile} does not`)
  mkdirSync(keysDir, { recursive: true, mode: 0o700 })
  const encryption = generateUpstreamKeyPair(randomBytes)
  // An Ed25519 pair from 32 random bytes: the same construction as a terminal key.
  const signing = generateTerminalKeyPair(randomBytes)
  writeAtomically(join(keysDir, ENCRYPTION_KEY_FILE), privateKeyToDer(encryption.privateKey))
  writeAtomically(join(keysDir, SIGNING_KEY_FILE), privateKeyToDer(signing.privateKey))
  const publicDocument = publicDocumentOf(
    `upstream-${randomBytes(8).toString('hex')}`,
    encryption,
    signing,
  )
  // Written last: its presence means both private keys are in place.
  writeAtomically(publicFile, `${JSON.stringify(publicDocument, null, 2)}\n`)
  return { encryption, signing, publicDocument }
}

/**
 * Loads the upstream's key pairs, generating them on first use: private keys as PKCS#8 DER in
 * the keys folder (mode 0600; `keys/` of the data directory unless placed elsewhere), the public
 * document as `upstream-public.json` in the data directory. An UpstreamKeysError says what is
 * wrong when the data directory has keys that the keys folder does not hold.
 */
export function loadOrCreateUpstreamKeys(
  location: UpstreamKeysLocation,
  randomBytes: RandomBytes,
): UpstreamKeys {
  const keysDir = keysDirOf(location)
  const publicFile = join(location.dataDir, UPSTREAM_PUBLIC_KEYS_FILE)
  if (existsSync(publicFile)) return loadUpstreamKeys(publicFile, keysDir)
  return createUpstreamKeys(publicFile, keysDir, randomBytes)
}

/** Reads the public document only (for `kiosk upstream pubkey`); undefined before first serve. */
export function readUpstreamPublicKeys(dataDir: string): UpstreamPublicKeys | undefined {
  const file = join(dataDir, UPSTREAM_PUBLIC_KEYS_FILE)
  if (!existsSync(file)) return undefined
  return parse(UpstreamPublicKeysSchema, JSON.parse(readFileSync(file, 'utf8')))
}
