// The three device checks of `kiosk doctor --self-test`, each on simulated or real devices.
import { execFile } from 'node:child_process'
import { closeSync, openSync, readSync } from 'node:fs'
import { decodeResponse, encodeCommand, SW_OK } from '../../../drivers/smartcard'
import { fakeCameraVideo } from '../../../drivers/camera'
import {
  connectSimulatedSerial,
  Ef01ModuleSimulator,
  placeholderFingerImage,
  probeEf01Port,
} from '../../../drivers/fingerprint'
import { probeEf01, probeVideo } from '../../core/devices'
import { hex } from '../../../lib/bytes'
import {
  bilingualLine,
  catalogueMessageOf,
  messageRef,
  type CatalogueMessage,
} from '../../../lib/messages'
import { connectPcscCard, connectSimulatedCard, type ConnectedCard } from './card/card-source'

/** One device's outcome: the figure it gave, or what went wrong and what to do about it. */
export type DeviceCheck =
  | { ok: true; figure: string }
  | { ok: false; figure: string | null; problem: string; todo: CatalogueMessage }

export type DeviceSource = 'simulated' | 'real'

/** The eMRTD application (ICAO 9303-10 §3.6.2): every CCCD chip answers its SELECT with 9000. */
const EMRTD_AID = Uint8Array.of(0xa0, 0x00, 0x00, 0x02, 0x47, 0x10, 0x01)
const SELECT_EMRTD = encodeCommand({ cla: 0x00, ins: 0xa4, p1: 0x04, p2: 0x0c, data: EMRTD_AID })

/** The reader's card: its ATR, then SELECT of the eMRTD application and the status word. */
export async function checkCardReader(source: DeviceSource): Promise<DeviceCheck> {
  let card: ConnectedCard
  try {
    card = source === 'simulated' ? connectSimulatedCard({}) : await connectPcscCard(undefined)
  } catch (error) {
    return fail(null, error, 'doctor.selfTest.todo.cardReader')
  }
  const atr = card.atr ? hex(card.atr) : '?'
  try {
    const { sw } = decodeResponse(await card.link.transmit(SELECT_EMRTD))
    const swHex = sw.toString(16).toUpperCase().padStart(4, '0')
    const figure = `${card.reader}: ATR ${atr}, SELECT eMRTD SW ${swHex}`
    if (sw === SW_OK) return { ok: true, figure }
    return fail(figure, `SW ${swHex}`, 'doctor.selfTest.todo.cardSelect', { sw: swHex })
  } catch (error) {
    return fail(`${card.reader}: ATR ${atr}`, error, 'doctor.selfTest.todo.cardReader')
  } finally {
    await card.close()
  }
}

/**
 * The EF01 handshake. Simulated: a module simulator on an in-process UART. Real: every USB-serial
 * port is probed the way the device manager does (handshake or password check at each rate).
 */
export async function checkFingerprint(source: DeviceSource): Promise<DeviceCheck> {
  if (source === 'real') {
    const findings = await probeEf01()
    const found = findings.find((f) => f.found)
    if (found) return { ok: true, figure: `${found.path}: EF01 @ ${found.baudRate} Bd` }
    const tried = findings.map((f) => f.path).join(', ')
    return fail(
      tried || null,
      messageRef('doctor.selfTest.noEf01'),
      'doctor.selfTest.todo.fingerprint',
    )
  }
  const module = new Ef01ModuleSimulator({
    baudRate: 57600,
    imageSource: () => placeholderFingerImage(256, 288, 500, 1),
  })
  // The same probe as a real port's, over an in-process UART to the module simulator.
  const finding = await probeEf01Port('simulator', {
    open: async (_path, baudRate) => connectSimulatedSerial(module, { baudRate, pacing: false }),
  })
  if (finding.found) {
    return { ok: true, figure: `EF01 simulator: handshake @ ${finding.baudRate} Bd` }
  }
  return fail(
    finding.detail,
    messageRef('doctor.selfTest.noEf01'),
    'doctor.selfTest.todo.fingerprint',
  )
}

/** The size of a YUV4MPEG2 file's frames, once its first FRAME is there whole. */
export function y4mFrameSize(bytes: Uint8Array): { width: number; height: number } | null {
  const text = new TextDecoder('latin1').decode(bytes.subarray(0, 256))
  const header = /^YUV4MPEG2 ([^\n]*)\n/.exec(text)
  if (!header?.[1]) return null
  const width = Number(/(?:^| )W(\d+)/.exec(header[1])?.[1])
  const height = Number(/(?:^| )H(\d+)/.exec(header[1])?.[1])
  if (!(width > 0 && height > 0)) return null
  const frame = header[0].length
  const frameHeader = /^FRAME[^\n]*\n/.exec(text.slice(frame))
  if (!frameHeader) return null
  // 4:2:0, the fake camera's format: a luma plane and two quarter-size chroma planes.
  const needed = frame + frameHeader[0].length + width * height * 1.5
  return bytes.length >= needed ? { width, height } : null
}

/** The size a PNG says in its IHDR chunk, or null when it is not a PNG. */
export function pngSize(bytes: Uint8Array): { width: number; height: number } | null {
  const signature = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]
  if (bytes.length < 24 || signature.some((b, i) => bytes[i] !== b)) return null
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  return { width: view.getUint32(16), height: view.getUint32(20) }
}

function readStart(path: string, length: number): Uint8Array {
  const fd = openSync(path, 'r')
  try {
    const buffer = new Uint8Array(length)
    return buffer.subarray(0, readSync(fd, buffer, 0, length, 0))
  } finally {
    closeSync(fd)
  }
}

/** One frame from a V4L2 device through ffmpeg, as a PNG on its standard output. */
function ffmpegFrame(device: string): Promise<Uint8Array> {
  const args = ['-hide_banner', '-loglevel', 'error', '-f', 'v4l2', '-i', device]
  return new Promise((resolve, reject) => {
    execFile(
      'ffmpeg',
      [...args, '-frames:v', '1', '-f', 'image2pipe', '-vcodec', 'png', '-'],
      { encoding: 'buffer', timeout: 15_000, maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => {
        if (error) reject(Object.assign(error, { stderr: stderr.toString() }))
        else resolve(new Uint8Array(stdout))
      },
    )
  })
}

/**
 * One camera frame without a browser. Simulated: the first frame of the fake camera's fixture
 * video (the one Chromium plays). Real: the first /dev/videoN through ffmpeg's V4L2 input (Linux).
 */
export async function checkCamera(source: DeviceSource): Promise<DeviceCheck> {
  if (source === 'simulated') {
    try {
      const video = fakeCameraVideo('good')
      const size = y4mFrameSize(readStart(video, 4 * 1024 * 1024))
      if (size) return { ok: true, figure: `${video}: ${size.width}×${size.height}` }
      return fail(video, messageRef('doctor.selfTest.noFrame'), 'doctor.selfTest.todo.camera')
    } catch (error) {
      return fail(null, error, 'doctor.selfTest.todo.ffmpeg')
    }
  }
  const device = (await probeVideo()).devices[0]
  if (!device)
    return fail(null, messageRef('doctor.selfTest.noCamera'), 'doctor.selfTest.todo.camera')
  try {
    const size = pngSize(await ffmpegFrame(device))
    if (size) return { ok: true, figure: `${device}: ${size.width}×${size.height}` }
    return fail(device, messageRef('doctor.selfTest.noFrame'), 'doctor.selfTest.todo.camera')
  } catch (error) {
    const missing = (error as NodeJS.ErrnoException).code === 'ENOENT'
    const todo = missing ? 'doctor.selfTest.todo.ffmpeg' : 'doctor.selfTest.todo.camera'
    return fail(device, error, todo)
  }
}

function fail(
  figure: string | null,
  problem: unknown,
  todoKey: string,
  params: Record<string, string> = {},
): DeviceCheck {
  return { ok: false, figure, problem: describeProblem(problem), todo: messageRef(todoKey, params) }
}

/** A thrown error's message (a CatalogueError's is already in both languages), or a catalogue text. */
function describeProblem(problem: unknown): string {
  if (problem instanceof Error) return problem.message
  const message = catalogueMessageOf(problem)
  return message ? bilingualLine(message) : String(problem)
}
