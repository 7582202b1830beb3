import { DEFAULT_ADDRESS, encodePacket, PID, type Pid } from '../ef01/codec'
import { CONFIRMATION } from '../ef01/confirmation'
import { INSTRUCTION, PACKET_SIZES, READY_BYTE, SYS_PARA_REGISTER } from '../ef01/instructions'
import { Ef01PacketReader } from '../ef01/packet-reader'
import { encodeSystemParameters } from '../ef01/system-parameters'
import { packGrey4 } from '../ef01/unpack'
import type { FingerImage } from '../finger-image'
import { systemClock, type Clock } from '../transport/clock'
import { placeholderFingerImage } from './placeholder-image'

/** The wire the module's UART drives; links (serial, CP2110, pty) implement it. */
export interface UartPeer {
  /** Puts bytes on the wire at the module's current baud rate. */
  transmit(bytes: Uint8Array): void
  /** Calls `fn` once everything transmitted so far has reached the other end. */
  afterTransmitted(fn: () => void): void
  /** The module was unplugged. */
  disconnected(): void
}

/**
 * R503: sends 0x55 at power-up, knows Handshake (0x40) and GetImageEx (0x28).
 * R307: neither; answers 01 to instructions it does not know.
 */
export type Ef01Model = 'R307' | 'R503'

/** Faults fire once, on the first reply that matches. */
export type Ef01Fault =
  | {
      kind: 'bad-checksum' | 'wrong-pid' | 'truncate' | 'no-answer' | 'unplug'
      /** Only replies to this instruction; any instruction when absent. */
      instruction?: number
      /** Which packet of the reply: 0 = the acknowledge, n = the n-th data packet. */
      packet?: number
    }
  | { kind: 'confirmation'; instruction: number; code: number }

export interface Ef01ModuleOptions {
  model?: Ef01Model
  address?: number
  password?: number
  baudRate?: number
  packetSize?: (typeof PACKET_SIZES)[number]
  securityLevel?: number
  /** Native image; the R30x/R50x family: 256 × 288 at 500 ppi. */
  width?: number
  height?: number
  ppi?: number
  /** The impression the n-th capture (0, 1, …) sees. */
  imageSource?: (capture: number) => FingerImage
  clock?: Clock
  /** How long an image capture (GenImg, GetImageEx) takes before the module answers. */
  captureDelayMs?: number
  /**
   * Scripted finger for unattended runs: placed `placeAfterMs` after the host starts waiting for it,
   * lifted `liftAfterMs` after the host starts waiting for the lift.
   */
  autoFinger?: { placeAfterMs: number; liftAfterMs: number }
}

export interface Ef01CommandRecord {
  instruction: number
  confirmation: number | null
}

/**
 * An EF01 fingerprint module, byte for byte: the host sends command packets to `receive()`, the
 * module answers through its UartPeer. Production code: it powers simulated mode and training.
 */
export class Ef01ModuleSimulator {
  readonly model: Ef01Model
  baudRate: number
  fingerPresent = false
  /** Commands answered (or dropped), in order; for tests and the training log. */
  readonly commands: Ef01CommandRecord[] = []
  captures = 0

  private readonly address: number
  private password: number
  private passwordVerified = false
  private packetSize: number
  private securityLevel: number
  private readonly width: number
  private readonly height: number
  private readonly imageSource: (capture: number) => FingerImage
  private readonly clock: Clock
  private readonly reader = new Ef01PacketReader()
  private peer: UartPeer | null = null
  /** Which capture the image buffer holds; rendered only when uploaded (rendering is the slow part). */
  private imageBuffer: { capture: number; packed: Uint8Array | null } | null = null
  private faults: Ef01Fault[] = []
  private queue: Promise<void> = Promise.resolve()
  private fingerTimer: { cancel(): void } | null = null
  private unplugged = false
  /** The image was uploaded since the finger went down: the scripted finger may lift. */
  private uploadedSinceCapture = false

  constructor(private readonly options: Ef01ModuleOptions = {}) {
    this.model = options.model ?? 'R503'
    this.address = options.address ?? DEFAULT_ADDRESS
    this.password = options.password ?? 0
    this.baudRate = options.baudRate ?? 57600
    this.packetSize = options.packetSize ?? 128
    this.securityLevel = options.securityLevel ?? 3
    this.width = options.width ?? 256
    this.height = options.height ?? 288
    this.clock = options.clock ?? systemClock
    const ppi = options.ppi ?? 500
    this.imageSource =
      options.imageSource ?? ((n) => placeholderFingerImage(this.width, this.height, ppi, n))
  }

  get isUnplugged(): boolean {
    return this.unplugged
  }

  connect(peer: UartPeer): void {
    this.peer = peer
    this.unplugged = false
    this.reader.reset()
  }

  disconnect(): void {
    this.peer = null
  }

  /** Power-up: the R503 announces itself with one 0x55 byte. */
  powerOn(): void {
    this.passwordVerified = false
    if (this.model === 'R503') this.peer?.transmit(Uint8Array.of(READY_BYTE))
  }

  placeFinger(): void {
    this.fingerPresent = true
  }

  liftFinger(): void {
    this.fingerPresent = false
  }

  injectFault(fault: Ef01Fault): void {
    this.faults.push(fault)
  }

  get pendingFaults(): number {
    return this.faults.length
  }

  /** The cable is pulled: the link reports the device gone, and nothing more is answered. */
  unplug(): void {
    if (this.unplugged) return
    this.unplugged = true
    this.fingerTimer?.cancel()
    const peer = this.peer
    this.peer = null
    peer?.disconnected()
  }

  /** Bytes from the host's TX line. */
  receive(bytes: Uint8Array): void {
    if (this.unplugged) return
    for (const event of this.reader.push(bytes)) {
      if (event.kind === 'skipped') continue
      if (event.kind === 'error') {
        // A command that arrived damaged is answered with 01 ("error receiving package").
        this.enqueue(() =>
          this.reply(0, [{ pid: PID.ACK, payload: [CONFIRMATION.PACKET_RECEIVE_ERROR] }]),
        )
        continue
      }
      const { packet } = event
      if (packet.address !== this.address || packet.pid !== PID.COMMAND) continue
      const payload = packet.payload
      this.enqueue(() => this.execute(payload[0] ?? 0, payload.subarray(1)))
    }
  }

  private enqueue(task: () => Promise<void> | void): void {
    this.queue = this.queue.then(task).catch(() => undefined)
  }

  private async execute(instruction: number, params: Uint8Array): Promise<void> {
    const ack = (confirmation: number, data: ArrayLike<number> = []) =>
      this.reply(instruction, [{ pid: PID.ACK, payload: [confirmation, ...Array.from(data)] }])

    const scripted = this.takeFault(instruction, 0, 'confirmation')
    if (scripted && scripted.kind === 'confirmation') return ack(scripted.code)

    const knowsInstruction =
      this.model === 'R503' ||
      (instruction !== INSTRUCTION.HANDSHAKE &&
        instruction !== INSTRUCTION.GET_IMAGE_EX &&
        instruction !== INSTRUCTION.CANCEL)
    if (!knowsInstruction) return ack(CONFIRMATION.PACKET_RECEIVE_ERROR)

    if (instruction === INSTRUCTION.VFY_PWD) {
      const given =
        params.length >= 4 ? new DataView(params.buffer, params.byteOffset).getUint32(0) : -1
      this.passwordVerified = given === this.password
      return ack(this.passwordVerified ? CONFIRMATION.OK : CONFIRMATION.WRONG_PASSWORD)
    }
    if (instruction === INSTRUCTION.HANDSHAKE) return ack(CONFIRMATION.OK)
    // A module with a password set refuses everything else until it was verified.
    if (this.password !== 0 && !this.passwordVerified) return ack(CONFIRMATION.PASSWORD_REQUIRED)

    switch (instruction) {
      case INSTRUCTION.READ_SYS_PARA:
        return ack(
          CONFIRMATION.OK,
          encodeSystemParameters({
            statusRegister: (this.passwordVerified ? 0x04 : 0) | (this.imageBuffer ? 0x08 : 0),
            systemId: 0x0009,
            librarySize: this.model === 'R503' ? 200 : 1000,
            securityLevel: this.securityLevel,
            address: this.address,
            packetSize: this.packetSize,
            baudRate: this.baudRate,
          }),
        )
      case INSTRUCTION.SET_SYS_PARA:
        return this.setSystemParameter(params[0] ?? 0, params[1] ?? 0, ack)
      case INSTRUCTION.SET_PWD:
        if (params.length < 4) return ack(CONFIRMATION.PACKET_RECEIVE_ERROR)
        this.password = new DataView(params.buffer, params.byteOffset).getUint32(0)
        return ack(CONFIRMATION.OK)
      case INSTRUCTION.GEN_IMG:
      case INSTRUCTION.GET_IMAGE_EX:
        return this.capture(ack)
      case INSTRUCTION.UP_IMAGE:
        return this.uploadImage()
      case INSTRUCTION.TEMPLATE_NUM:
        return ack(CONFIRMATION.OK, [0, 0])
      case INSTRUCTION.CANCEL:
        return ack(CONFIRMATION.OK)
      default:
        return ack(CONFIRMATION.PACKET_RECEIVE_ERROR)
    }
  }

  private setSystemParameter(
    register: number,
    value: number,
    ack: (confirmation: number) => void,
  ): void {
    if (register === SYS_PARA_REGISTER.BAUD) {
      if (value < 1 || value > 12) return ack(CONFIRMATION.INVALID_REGISTER)
      ack(CONFIRMATION.OK)
      // The acknowledge still goes out at the old rate; the next byte uses the new one.
      this.baudRate = value * 9600
      return
    }
    if (register === SYS_PARA_REGISTER.SECURITY_LEVEL) {
      if (value < 1 || value > 5) return ack(CONFIRMATION.INVALID_REGISTER)
      this.securityLevel = value
      return ack(CONFIRMATION.OK)
    }
    if (register === SYS_PARA_REGISTER.PACKET_SIZE) {
      const size = PACKET_SIZES[value]
      if (size === undefined) return ack(CONFIRMATION.INVALID_REGISTER)
      this.packetSize = size
      return ack(CONFIRMATION.OK)
    }
    ack(CONFIRMATION.INVALID_REGISTER)
  }

  private async capture(ack: (confirmation: number) => void): Promise<void> {
    const delay = this.options.captureDelayMs ?? 0
    if (delay > 0) await new Promise<void>((resolve) => this.clock.after(delay, resolve))
    this.scriptFinger()
    if (!this.fingerPresent) return ack(CONFIRMATION.NO_FINGER)
    this.imageBuffer = { capture: this.captures++, packed: null }
    ack(CONFIRMATION.OK)
  }

  /** Moves the scripted finger: placed some time after polling starts, lifted after an upload. */
  private scriptFinger(): void {
    const auto = this.options.autoFinger
    if (!auto || this.fingerTimer) return
    const lifting = this.fingerPresent && this.imageBuffer !== null && this.uploadedSinceCapture
    if (!this.fingerPresent) {
      this.fingerTimer = this.clock.after(auto.placeAfterMs, () => {
        this.fingerTimer = null
        this.uploadedSinceCapture = false
        this.placeFinger()
      })
    } else if (lifting) {
      this.fingerTimer = this.clock.after(auto.liftAfterMs, () => {
        this.fingerTimer = null
        this.liftFinger()
      })
    }
  }

  private uploadImage(): void {
    const buffer = this.imageBuffer
    if (!buffer) {
      this.reply(INSTRUCTION.UP_IMAGE, [{ pid: PID.ACK, payload: [CONFIRMATION.NO_VALID_IMAGE] }])
      return
    }
    if (!buffer.packed) {
      const rendered = this.imageSource(buffer.capture)
      if (rendered.width !== this.width || rendered.height !== this.height) {
        this.reply(INSTRUCTION.UP_IMAGE, [
          { pid: PID.ACK, payload: [CONFIRMATION.IMAGE_UPLOAD_FAILED] },
        ])
        return
      }
      buffer.packed = packGrey4(rendered.pixels)
    }
    const image = buffer.packed
    const packets: { pid: Pid; payload: ArrayLike<number> }[] = [
      { pid: PID.ACK, payload: [CONFIRMATION.OK] },
    ]
    for (let at = 0; at < image.length; at += this.packetSize) {
      const last = at + this.packetSize >= image.length
      packets.push({
        pid: last ? PID.END_DATA : PID.DATA,
        payload: image.subarray(at, at + this.packetSize),
      })
    }
    this.uploadedSinceCapture = true
    this.reply(INSTRUCTION.UP_IMAGE, packets)
  }

  /** Sends a reply of one or more packets, applying the first matching fault. */
  private reply(instruction: number, packets: { pid: Pid; payload: ArrayLike<number> }[]): void {
    const peer = this.peer
    if (!peer) return
    const confirmation = packets[0]?.payload[0] ?? null
    this.commands.push({ instruction, confirmation })
    for (const [index, { pid, payload }] of packets.entries()) {
      const fault = this.takeFault(instruction, index)
      const wirePid = fault?.kind === 'wrong-pid' ? wrongPid(pid) : pid
      const bytes = encodePacket({
        address: this.address,
        pid: wirePid,
        payload: Uint8Array.from(payload),
      })
      if (!fault || fault.kind === 'wrong-pid') {
        peer.transmit(bytes)
        continue
      }
      switch (fault.kind) {
        case 'bad-checksum':
          bytes[bytes.length - 1] = (bytes[bytes.length - 1] ?? 0) ^ 0x5a
          peer.transmit(bytes)
          continue
        case 'no-answer':
          return
        case 'truncate':
          peer.transmit(bytes.subarray(0, Math.ceil(bytes.length / 2)))
          return
        case 'unplug':
          peer.transmit(bytes.subarray(0, Math.ceil(bytes.length / 2)))
          peer.afterTransmitted(() => this.unplug())
          return
      }
    }
  }

  private takeFault(instruction: number, packet: number, only?: 'confirmation'): Ef01Fault | null {
    const index = this.faults.findIndex((f) => {
      if (only === 'confirmation') return f.kind === 'confirmation' && f.instruction === instruction
      if (f.kind === 'confirmation') return false
      return (
        (f.instruction === undefined || f.instruction === instruction) && (f.packet ?? 0) === packet
      )
    })
    if (index < 0) return null
    return this.faults.splice(index, 1)[0] ?? null
  }
}

function wrongPid(pid: Pid): Pid {
  return pid === PID.ACK ? PID.DATA : PID.ACK
}
