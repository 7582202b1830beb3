export { createKeyIdentity, type CertificateRequest, type KeyIdentity } from './certificates'
export {
  SbiClient,
  type SbiCapturedFinger,
  type SbiCaptureOptions,
  type SbiClientOptions,
  type SbiDeviceInfo,
  type SbiFrame,
} from './client'
export {
  discoverSbiServices,
  sbiDeviceModel,
  type SbiDiscoveryOptions,
  type SbiService,
} from './discovery'
export { SbiError, SbiSecurityError, type SbiErrorKind, type SbiSecurityKind } from './errors'
export { SBI_FIRST_PREVIOUS_HASH, SbiHashChain, sbiCaptureHash } from './hash-chain'
export {
  base64url,
  signJws,
  verifyJws,
  type JwsHeader,
  type SbiTrust,
  type VerifiedJws,
} from './jws'
export { boundaryOf, MultipartReader, type MultipartPart } from './multipart'
export {
  fingerFromSbiName,
  SBI_FINGER_NAMES,
  SBI_HOST,
  SBI_PORT_RANGE,
  SBI_VERB,
  type SbiDevice,
  type SbiDigitalId,
} from './protocol'
