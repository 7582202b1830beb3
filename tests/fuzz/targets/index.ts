import type { FuzzTarget } from '../engine/target'
import { ecKeys, smCommand, smResponse, vpcd } from './card-protocols'
import { dg1, dg13, dg15, dg2, efCom, securityInfos, sod, tlvDer } from './chip-files'
import { ef01Driver, ef01Packets } from './fingerprint'
import { cardVerify, trustStore, x509 } from './pki'
import { cbeffXml, faceJpeg2000, fingerRecord, iso19794 } from './records'
import { sbiCaptureSigned, sbiResponses, sbiStream } from './sbi'
import { cccdQr, mrzText } from './text'
import { faceImage, faceRecord } from './face-record'
import { fileDecrypted, fileSealed } from './enrollment-file'
import { bridgeFrames, configFile, ipcPayloads, upstreamAnswers } from './kiosk-shell'
import { upstreamRequests } from './upstream-http'
import { exportMedia } from './export-media'
import { wsq } from './wsq'
import { registrationCode, signedAnswerHeaders } from './upstream-trust'
import { auditAckBodies, auditCheckpointBodies } from './audit-checkpoints'
import { stationKeyFiles } from './station-keys'
import { cardCapabilities } from './card-capabilities'
import { readerFeatures } from './reader-features'

/** Every parser of untrusted bytes under fuzzing, in the order `npm run fuzz` reports them. */
export const fuzzTargets: readonly FuzzTarget[] = [
  // The chip: its files (read in plain or after secure messaging) and the protocols around them.
  tlvDer,
  efCom,
  dg1,
  dg2,
  faceJpeg2000,
  dg13,
  securityInfos,
  dg15,
  sod,
  x509,
  trustStore,
  cardVerify,
  smResponse,
  smCommand,
  vpcd,
  ecKeys,
  cccdQr,
  mrzText,
  // Fingerprint devices: EF01 modules (serial, CP2110), SBI services, their records.
  ef01Packets,
  ef01Driver,
  iso19794,
  wsq,
  fingerRecord,
  cbeffXml,
  sbiResponses,
  sbiCaptureSigned,
  sbiStream,
  // The portrait camera: its face record and the images it decodes.
  faceRecord,
  faceImage,
  // Enrollment files as the upstream receives them, and what they hold once decrypted.
  fileSealed,
  fileDecrypted,
  upstreamRequests,
  exportMedia,
  // The kiosk's own boundaries: renderer requests (IPC, the host bridge), its config file, the
  // upstream's answers.
  ipcPayloads,
  bridgeFrames,
  configFile,
  upstreamAnswers,
  // Upstream trust: the registration code an officer types, the signature on every answer.
  registrationCode,
  signedAnswerHeaders,
  // Audit checkpoints: the terminal's signed checkpoints, the upstream's signed acknowledgement.
  auditCheckpointBodies,
  auditAckBodies,
  // Station keys: the key files of a data directory, which whoever copies the folder controls.
  stationKeyFiles,
  // What the chip says about its APDU lengths: ATR historical bytes, EF.ATR/INFO.
  cardCapabilities,
  // What the reader's driver says of its own APDU size (PC/SC part 10, through SCardControl).
  readerFeatures,
]
