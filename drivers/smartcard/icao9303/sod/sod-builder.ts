import { tlv } from '../../../../lib/asn1/tlv'
import { digest, type HashName } from '../../pki/hashes'
import { OID } from '../../pki/oids'
import { buildSignedData, type CmsSigner } from '../../pki/signed-data-builder'
import { encodeLdsSecurityObject, type LdsVersionInfo } from './lds-security-object'
import { EF_SOD_TAG } from './sod'

export interface SodSpec {
  /** Hash of the data groups (LDSSecurityObject) and of the eContent (SignerInfo). */
  hashAlgorithm: HashName
  /** Data group number → the complete DG file (tag, length, value) as the chip serves it. */
  dataGroups: ReadonlyMap<number, Uint8Array>
  signer: CmsSigner
  /** Present → LDSSecurityObject V1 with LDSVersionInfo (LDS 1.8), else V0. */
  ldsVersionInfo?: LdsVersionInfo
  signingTime?: Date
  signerIdentifier?: 'issuerAndSerialNumber' | 'subjectKeyIdentifier'
  /** Leave the DS certificate out of EF.SOD (ICAO allows it; readers then need it from elsewhere). */
  omitCertificate?: boolean
}

/** Builds the bytes of EF.SOD for the given data groups, signed by the document signer. */
export function buildSod(spec: SodSpec): Uint8Array {
  const dataGroupHashes = new Map<number, Uint8Array>()
  for (const [number, file] of spec.dataGroups) {
    if (!Number.isInteger(number) || number < 1 || number > 16) {
      throw new RangeError(`data group number ${number}`)
    }
    dataGroupHashes.set(number, digest(spec.hashAlgorithm, file))
  }
  const content = encodeLdsSecurityObject({
    hashAlgorithm: spec.hashAlgorithm,
    dataGroupHashes,
    ...(spec.ldsVersionInfo ? { ldsVersionInfo: spec.ldsVersionInfo } : {}),
  })
  const contentInfo = buildSignedData({
    contentType: OID.ldsSecurityObject,
    content,
    signer: spec.signer,
    digestAlgorithm: spec.hashAlgorithm,
    signerIdentifier: spec.signerIdentifier ?? 'issuerAndSerialNumber',
    certificates: spec.omitCertificate ? [] : [spec.signer.certificateDer],
    ...(spec.signingTime ? { signingTime: spec.signingTime } : {}),
  })
  return tlv(EF_SOD_TAG, contentInfo)
}
