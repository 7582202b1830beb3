import { createHash } from 'node:crypto'
import { OID } from './oids'

export type HashName = 'sha1' | 'sha224' | 'sha256' | 'sha384' | 'sha512'

const HASH_OIDS: Record<HashName, string> = {
  sha1: OID.sha1,
  sha224: OID.sha224,
  sha256: OID.sha256,
  sha384: OID.sha384,
  sha512: OID.sha512,
}

const HASH_LENGTHS: Record<HashName, number> = {
  sha1: 20,
  sha224: 28,
  sha256: 32,
  sha384: 48,
  sha512: 64,
}

export function hashOid(hash: HashName): string {
  return HASH_OIDS[hash]
}

export function hashFromOid(oid: string): HashName | undefined {
  return (Object.keys(HASH_OIDS) as HashName[]).find((name) => HASH_OIDS[name] === oid)
}

export function hashLength(hash: HashName): number {
  return HASH_LENGTHS[hash]
}

export function digest(hash: HashName, ...parts: readonly Uint8Array[]): Uint8Array {
  const h = createHash(hash)
  for (const part of parts) h.update(part)
  return new Uint8Array(h.digest())
}
