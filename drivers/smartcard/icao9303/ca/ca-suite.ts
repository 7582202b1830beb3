import type { IcaoCipher } from '../crypto/cipher'
import type { EcPublicKey } from '../crypto/ec/ec-public-key'
import {
  caOid,
  caProtocolOf,
  type ChipAuthenticationInfo,
  type ChipAuthenticationPublicKeyInfo,
  type SecurityInfo,
} from '../security-infos'

/** One usable chip authentication configuration from DG14. */
export interface CaChoice {
  protocol: string
  cipher: IcaoCipher
  key: EcPublicKey
  keyId?: number
}

/**
 * Picks the chip authentication key and protocol from DG14's SecurityInfos: an ECDH
 * ChipAuthenticationInfo and the EC public key with the same keyId (or the only one). A DG14 with a
 * key but no ChipAuthenticationInfo is CA version 1, which means 3DES. Returns a reason when nothing
 * usable is there.
 */
export function chooseChipAuthentication(
  infos: readonly SecurityInfo[],
): CaChoice | { unsupported: string } {
  const keys = infos.filter(
    (i): i is ChipAuthenticationPublicKeyInfo => i.type === 'ChipAuthenticationPublicKeyInfo',
  )
  const protocols = infos.filter(
    (i): i is ChipAuthenticationInfo => i.type === 'ChipAuthenticationInfo',
  )
  if (keys.length === 0) return { unsupported: 'DG14 holds no chip authentication public key' }
  const candidates = protocols.length
    ? protocols
    : [{ type: 'ChipAuthenticationInfo' as const, protocol: caOid('ECDH', '3DES'), version: 1 }]
  const reasons: string[] = []
  for (const info of candidates) {
    const kind = caProtocolOf(info.protocol)
    if (kind?.agreement !== 'ECDH') {
      reasons.push(`${info.protocol} is not ECDH chip authentication`)
      continue
    }
    const key = info.keyId === undefined ? keys[0] : keys.find((k) => k.keyId === info.keyId)
    if (!key) {
      reasons.push(`no public key with keyId ${info.keyId}`)
      continue
    }
    if (key.publicKey.kind !== 'EC') {
      reasons.push(`key not usable: ${key.publicKey.reason}`)
      continue
    }
    const { kind: _kind, ...ecKey } = key.publicKey
    const choice: CaChoice = { protocol: info.protocol, cipher: kind.cipher, key: ecKey }
    const keyId = info.keyId ?? key.keyId
    if (keyId !== undefined) choice.keyId = keyId
    return choice
  }
  return { unsupported: reasons.join('; ') }
}

/** A key id as the shortest big-endian bytes (at least one). */
export function minimalBytes(value: number): Uint8Array {
  const bytes: number[] = []
  for (let v = value; v > 0; v = Math.floor(v / 256)) bytes.unshift(v & 0xff)
  return Uint8Array.from(bytes.length ? bytes : [0])
}
