import { createPublicKey } from 'node:crypto'
import { join } from 'node:path'
import {
  generateTerminalKeyPair,
  keyIdOf,
  privateKeyFromDer,
  privateKeyToDer,
  type KeyPair,
  type RandomBytes,
} from '../../../protocol/packet'
import { loadOrCreateKey } from './key-file'
import type { KeyProtector } from './protector'

export const KEYS_DIR_NAME = 'keys'
export const TERMINAL_KEY_FILE = 'terminal.key'
export const LOCAL_KEY_FILE = 'local.key'

/** The station's own keys: the terminal signing key and the local key that encrypts drafts. */
export interface StationKeys {
  terminal: KeyPair
  /** 32 bytes for AES-256-GCM; never leaves the station. */
  localKey: Buffer
}

/** Loads the station's keys from `dataDir/keys/`, generating them on first run. */
export function loadStationKeys(
  dataDir: string,
  protector: KeyProtector,
  randomBytes: RandomBytes,
  /** Told of each key file migrated from clear to `protector`. */
  onMigrated?: (file: string, from: string) => void,
): StationKeys {
  const dir = join(dataDir, KEYS_DIR_NAME)
  const migrated = (file: string) => (from: string) => onMigrated?.(file, from)
  const terminalDer = loadOrCreateKey(
    join(dir, TERMINAL_KEY_FILE),
    protector,
    () => privateKeyToDer(generateTerminalKeyPair(randomBytes).privateKey),
    migrated(TERMINAL_KEY_FILE),
  )
  const privateKey = privateKeyFromDer(terminalDer)
  const publicKey = createPublicKey(privateKey)
  const localKey = loadOrCreateKey(
    join(dir, LOCAL_KEY_FILE),
    protector,
    () => randomBytes(32),
    migrated(LOCAL_KEY_FILE),
  )
  if (localKey.length !== 32) throw new Error('the local key must be 32 bytes')
  return { terminal: { privateKey, publicKey, keyId: keyIdOf(publicKey) }, localKey }
}
