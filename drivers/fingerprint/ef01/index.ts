export {
  decodePacket,
  DEFAULT_ADDRESS,
  ef01Checksum,
  encodePacket,
  FRAME_OVERHEAD,
  MAX_PAYLOAD,
  PID,
  type DecodedPacket,
  type Ef01Packet,
  type Pid,
} from './codec'
export {
  CONFIRMATION,
  confirmationInfo,
  Ef01ConfirmationError,
  isConfirmationCode,
  type ConfirmationCode,
} from './confirmation'
export {
  Ef01Driver,
  type Ef01DriverOptions,
  type Ef01ModuleInfo,
  type Ef01State,
  type PollOptions,
  type UploadProgress,
  type UploadResult,
} from './driver'
export {
  Ef01FrameError,
  Ef01ProtocolError,
  Ef01TimeoutError,
  type FrameErrorKind,
  type ProtocolErrorKind,
} from './errors'
export {
  baudMultiplier,
  INSTRUCTION,
  PACKET_SIZES,
  packetSizeCode,
  READY_BYTE,
  SYS_PARA_REGISTER,
} from './instructions'
export { Ef01PacketReader, type ReaderEvent } from './packet-reader'
export {
  encodeSystemParameters,
  parseSystemParameters,
  type SystemParameters,
} from './system-parameters'
export { packGrey4, unpackGrey4 } from './unpack'
