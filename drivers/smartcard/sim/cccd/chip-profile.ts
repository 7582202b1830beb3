import type { IcaoCipher } from '../../icao9303/crypto/cipher'
import type { ActiveAuthenticationKeySpec } from '../../icao9303/aa/aa-signer'
import type { HashName } from '../../pki/hashes'

/**
 * What a virtual CCCD chip offers. The default follows the real card (research §3.1): PACE
 * ECDH-GM AES-128 on brainpoolP256r1 (parameter id 13) and BAC, chip authentication with an EC key,
 * active authentication, JPEG face, SHA-256 in EF.SOD.
 */
export interface ChipProfile {
  /** null: no EF.CardAccess, BAC only. */
  pace: { cipher: IcaoCipher; parameterId: number } | null
  /** Answer BAC (GET CHALLENGE / EXTERNAL AUTHENTICATE). */
  bac: boolean
  /** null: no DG14. */
  chipAuthentication: { cipher: IcaoCipher; parameterId: number } | null
  /** null: no DG15. */
  activeAuthentication: ActiveAuthenticationKeySpec | null
  sodHash: HashName
  /** Exact size of the JPEG in DG2. */
  faceBytes: number
  /** Layout of the parents' names in DG13 (both are seen on real cards). */
  parentsLayout: 'separate' | 'combined'
  /** Accept extended-length APDUs. */
  extendedLength: boolean
  /** Wrong access keys before the chip blocks (answers 6983). */
  accessKeyTries: number
}

export const DEFAULT_CHIP_PROFILE: ChipProfile = {
  pace: { cipher: 'AES-128', parameterId: 13 },
  bac: true,
  chipAuthentication: { cipher: 'AES-128', parameterId: 13 },
  activeAuthentication: { type: 'ec', curve: 'prime256v1' },
  sodHash: 'sha256',
  faceBytes: 20_000,
  parentsLayout: 'separate',
  extendedLength: true,
  accessKeyTries: 10,
}
