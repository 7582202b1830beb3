import type { IcaoCipher } from '../../icao9303/crypto/cipher'
import type { ActiveAuthenticationKeySpec } from '../../icao9303/aa/aa-signer'
import type { ExtendedLengthInfo, HistoricalCapabilities } from '../../iso7816/card-capabilities'
import type { HashName } from '../../pki/hashes'

/**
 * What the chip says about APDU lengths, where a real card says it (ISO/IEC 7816-4 §12.1.1 and
 * §12.7.1), and what it really takes: a chip may claim extended length and refuse it.
 */
export interface LengthCapabilities {
  /** Card capabilities in the ATR historical bytes; null: proprietary historical bytes only. */
  historical: HistoricalCapabilities | null
  /** DO'7F66' in EF.ATR/INFO (2F01 in the MF); null: the chip has no EF.ATR/INFO. */
  efAtrInfo: ExtendedLengthInfo | null
  /** Whether extended-length APDUs are answered; false: 6700 to every one. */
  acceptsExtended: boolean
}

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
  lengths: LengthCapabilities
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
  lengths: {
    historical: { commandChaining: false, extendedLength: true, extendedLengthInfo: true },
    // The whole extended range: 65535 command data bytes and 65536 response data bytes.
    efAtrInfo: { maxCommandBytes: 65544, maxResponseBytes: 65538 },
    acceptsExtended: true,
  },
  accessKeyTries: 10,
}
