import type { IcaoCipher } from '../crypto/cipher'
import type { Curve } from '../crypto/ec/curve'
import { curveForParameterId } from '../crypto/ec/domains'
import { UnsupportedProtocolError } from '../errors'
import { paceProtocolOf, type PaceInfo } from '../security-infos'

/** What one PACE run uses: the protocol OID, its cipher and the standardized curve. */
export interface PaceSuite {
  protocol: string
  cipher: IcaoCipher
  parameterId: number
  curve: Curve
}

/**
 * Checks that a PACEInfo's protocol and parameters are ones this implementation runs: ECDH generic
 * mapping with a standardized elliptic curve (ids 12–18). DH and integrated mapping are refused.
 */
export function paceSuiteOf(protocol: string, parameterId: number | undefined): PaceSuite {
  const kind = paceProtocolOf(protocol)
  if (!kind) throw new UnsupportedProtocolError(`${protocol} is not a PACE protocol`)
  if (kind.mapping !== 'ECDH-GM') throw new UnsupportedProtocolError(`PACE ${kind.mapping} mapping`)
  if (parameterId === undefined) {
    throw new UnsupportedProtocolError('PACE without a standardized domain parameter id')
  }
  const curve = curveForParameterId(parameterId)
  if (!curve) throw new UnsupportedProtocolError(`PACE domain parameter id ${parameterId}`)
  return { protocol, cipher: kind.cipher, parameterId, curve }
}

/** The nonce length the chip side draws: one AES block, two 3DES blocks, 32 bytes for AES-192/256. */
export function nonceLength(cipher: IcaoCipher): number {
  return cipher === 'AES-192' || cipher === 'AES-256' ? 32 : 16
}

/** Whether performPace can run this PACEInfo (ECDH generic mapping on a standardized curve). */
export function isPaceSupported(info: PaceInfo): boolean {
  try {
    paceSuiteOf(info.protocol, info.parameterId)
    return true
  } catch {
    return false
  }
}
