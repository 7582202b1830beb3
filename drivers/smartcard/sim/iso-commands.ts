import { uintBytes } from '../../../lib/bytes'
import { readTlv, tlv } from '../../../lib/asn1/tlv'
import type { ResponseApdu } from '../iso7816/apdu'
import { SW } from '../iso7816/status-words'
import type { CardCommand, CardContext, CommandHandler } from './card-session'
import { ALWAYS, type CardFileSystem, type ElementaryFile } from './file-system'

const EMPTY = new Uint8Array(0)

export function status(sw: number, data: Uint8Array = EMPTY): ResponseApdu {
  return { data, sw }
}

/** File control parameters (ISO 7816-4 §5.3.3): size, transparent EF, identifier. */
function fcp(file: ElementaryFile): Uint8Array {
  return tlv(
    0x62,
    tlv(0x80, uintBytes(file.data.length, 2)),
    tlv(0x82, Uint8Array.of(0x01)),
    tlv(0x83, uintBytes(file.fid, 2)),
  )
}

/** The answer to SELECT: nothing for P2=0C, else FCI/FCP when the command asked for data (Le). */
function selectAnswer(command: CardCommand, body: () => Uint8Array): ResponseApdu {
  const p2 = command.p2 & 0x0c
  if (p2 === 0x0c || command.le === undefined) return status(SW.OK)
  return status(SW.OK, body().subarray(0, command.le))
}

/**
 * SELECT (INS A4): P1=00 the MF (no data or 3F00) or an EF of the current DF by FID, P1=02 an EF of
 * the current DF, P1=04 an application by AID. Paths and parent selection answer 6A86.
 */
export function selectHandler(fs: CardFileSystem): CommandHandler {
  return (command, context) => {
    const data = command.data ?? EMPTY
    if (command.p1 === 0x04) {
      const app = fs.application(data)
      if (!app) return status(SW.FILE_NOT_FOUND)
      context.selectApplication(app)
      return selectAnswer(command, () => tlv(0x6f, tlv(0x84, app.aid)))
    }
    if (command.p1 === 0x00 && (data.length === 0 || (data[0] === 0x3f && data[1] === 0x00))) {
      if (data.length !== 0 && data.length !== 2) return status(SW.WRONG_LENGTH)
      context.selectApplication(null)
      return selectAnswer(command, () => tlv(0x62, tlv(0x83, Uint8Array.of(0x3f, 0x00))))
    }
    if (command.p1 === 0x00 || command.p1 === 0x02) {
      if (data.length !== 2) return status(SW.WRONG_LENGTH)
      const file = fs.file(context.application, ((data[0] ?? 0) << 8) | (data[1] ?? 0))
      if (!file) return status(SW.FILE_NOT_FOUND)
      context.selectFile(file)
      return selectAnswer(command, () => fcp(file))
    }
    return status(SW.INCORRECT_P1P2)
  }
}

export interface ReadBinaryOptions {
  /**
   * How to answer a read that asks past the end: 6282 with the bytes left (default), or 6Cxx
   * giving the right Le, as T=0 cards do.
   */
  shortReadStatus?: 'end-of-file' | 'wrong-le'
}

/** Bytes a DO'53' header adds around n data bytes. */
function do53Overhead(n: number): number {
  return n < 0x80 ? 2 : n < 0x100 ? 3 : n < 0x10000 ? 4 : 5
}

/** Finds the EF a READ BINARY names; makes it current (SFI and B1 forms select implicitly). */
function targetFile(
  fs: CardFileSystem,
  command: CardCommand,
  context: CardContext,
): ElementaryFile | ResponseApdu {
  let file: ElementaryFile | null | undefined = context.currentFile
  if (command.ins === 0xb0 && command.p1 & 0x80) {
    file = fs.fileBySfi(context.application, command.p1 & 0x1f)
  } else if (command.ins === 0xb1 && (command.p1 || command.p2)) {
    file = fs.file(context.application, (command.p1 << 8) | command.p2)
  } else if (!file) {
    return status(SW.COMMAND_NOT_ALLOWED)
  }
  if (!file) return status(SW.FILE_NOT_FOUND)
  context.selectFile(file)
  return file
}

function b1Offset(command: CardCommand): number | undefined {
  try {
    const offsetDo = readTlv(command.data ?? EMPTY)
    if (offsetDo.tag !== 0x54 || offsetDo.value.length === 0 || offsetDo.value.length > 3) return
    return offsetDo.value.reduce((n, b) => n * 256 + b, 0)
  } catch {
    return undefined
  }
}

/** READ BINARY B0 (offset in P1-P2, or SFI in P1 with offset in P2) and B1 (offset in DO'54'). */
export function readBinaryHandler(
  fs: CardFileSystem,
  options: ReadBinaryOptions = {},
): CommandHandler {
  return (command, context) => {
    if (command.le === undefined) return status(SW.WRONG_LENGTH)
    const le = command.le
    const target = targetFile(fs, command, context)
    if (!('fid' in target)) return target
    const file = target
    const allowed = (file.read ?? ALWAYS)({
      file,
      application: context.application,
      secureMessaging: context.secureMessaging,
    })
    if (!allowed) return status(SW.SECURITY_STATUS_NOT_SATISFIED)

    let offset: number
    if (command.ins === 0xb1) {
      const parsed = b1Offset(command)
      if (parsed === undefined) return status(SW.WRONG_DATA)
      offset = parsed
    } else {
      offset = command.p1 & 0x80 ? command.p2 : ((command.p1 & 0x7f) << 8) | command.p2
    }
    const size = file.data.length
    if (offset > size) return status(SW.WRONG_P1P2)
    const available = size - offset

    if (command.ins === 0xb1) {
      let n = Math.min(available, Math.max(0, le - 2))
      while (n > 0 && n + do53Overhead(n) > le) n--
      context.fileRead(file, offset, n)
      const body = tlv(0x53, file.data.subarray(offset, offset + n))
      const short = n === available && body.length < le
      return status(short ? SW.END_OF_FILE : SW.OK, body)
    }
    const n = Math.min(le, available)
    if (n < le && options.shortReadStatus === 'wrong-le' && n > 0 && n < 256) {
      return status(0x6c00 | n)
    }
    context.fileRead(file, offset, n)
    return status(n < le ? SW.END_OF_FILE : SW.OK, file.data.slice(offset, offset + n))
  }
}
