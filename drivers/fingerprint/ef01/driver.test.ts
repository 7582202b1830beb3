import { describe, expect, it } from 'vitest'
import { Ef01ModuleSimulator, type Ef01ModuleOptions } from '../sim/ef01-module'
import { placeholderFingerImage } from '../sim/placeholder-image'
import { connectSimulatedSerial } from '../sim/simulated-serial-link'
import { VirtualClock } from '../transport/clock'
import { CancelledError, TransportError } from '../transport/errors'
import { CONFIRMATION, confirmationInfo, Ef01ConfirmationError } from './confirmation'
import { Ef01Driver, type UploadProgress } from './driver'
import { Ef01FrameError, Ef01ProtocolError, Ef01TimeoutError } from './errors'
import { INSTRUCTION } from './instructions'
import { packGrey4, unpackGrey4 } from './unpack'

function setup(options: Ef01ModuleOptions & { pacing?: boolean; driverPassword?: number } = {}) {
  const clock = new VirtualClock()
  const module = new Ef01ModuleSimulator({ clock, ...options })
  const stream = connectSimulatedSerial(module, { clock, pacing: options.pacing ?? false })
  const driver = new Ef01Driver(stream, { clock, password: options.driverPassword ?? 0 })
  const run = <T>(p: Promise<T>) => clock.run(p)
  return { clock, module, stream, driver, run }
}

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => expect.unreachable('expected a rejection'),
    (error: unknown) => error,
  )
}

describe('Ef01Driver: opening', () => {
  it('uses the R503 handshake, verifies the password and reads the system parameters', async () => {
    const { driver, module, run } = setup({ model: 'R503' })
    const info = await run(driver.open())
    expect(info).toMatchObject({
      handshake: 'instruction',
      useGetImageEx: true,
      parameters: { systemId: 9, packetSize: 128, baudRate: 57600, address: 0xffffffff },
    })
    expect(module.commands.map((c) => c.instruction)).toEqual([
      INSTRUCTION.HANDSHAKE,
      INSTRUCTION.VFY_PWD,
      INSTRUCTION.READ_SYS_PARA,
    ])
    expect(driver.state).toBe('idle')
  })

  it('falls back to the password check on an R307, which refuses the handshake', async () => {
    const { driver, run } = setup({ model: 'R307' })
    expect(await run(driver.open())).toMatchObject({ handshake: 'password', useGetImageEx: false })
  })

  it('notices the R503 power-up byte', async () => {
    const { driver, module, run } = setup({ model: 'R503' })
    module.powerOn()
    expect((await run(driver.open())).readyByteSeen).toBe(true)
  })

  it('reports a wrong password as a typed, non-retryable error', async () => {
    const { driver, run } = setup({ password: 0x1234, driverPassword: 0 })
    const error = await run(rejection(driver.open()))
    expect(error).toBeInstanceOf(Ef01ConfirmationError)
    expect(error).toMatchObject({ reason: 'wrong-password', retryable: false })
    expect(driver.state).toBe('closed')
  })

  it('opens a password-protected module with the right password', async () => {
    const { driver, run } = setup({ password: 0x1234, driverPassword: 0x1234 })
    await run(driver.open())
    expect(await run(driver.takeImage())).toBe(false)
  })

  it('says the module does not answer when nothing is on the other end', async () => {
    const { driver, module, run } = setup()
    module.disconnect()
    const error = await run(rejection(driver.open()))
    expect(error).toBeInstanceOf(Ef01TimeoutError)
    expect(error).toMatchObject({ code: 'ef01-no-answer', partial: false })
  })
})

describe('Ef01Driver: images', () => {
  it('captures and uploads a 256 × 288 image, unpacked to 8 bits, with progress', async () => {
    const source = placeholderFingerImage(256, 288, 500, 3)
    const { driver, module, run } = setup({ imageSource: () => source })
    await run(driver.open())
    expect(await run(driver.takeImage())).toBe(false)
    module.placeFinger()
    expect(await run(driver.takeImage())).toBe(true)
    const progress: UploadProgress[] = []
    const result = await run(driver.uploadImage({ onProgress: (p) => progress.push({ ...p }) }))
    expect(result.image).toMatchObject({ width: 256, height: 288, ppi: 500 })
    const expected = unpackGrey4(packGrey4(source.pixels))
    expect(Buffer.from(result.image.pixels).equals(Buffer.from(expected))).toBe(true)
    // 12-byte command + 12-byte ack + 288 packets of 11 + 128 bytes (the research note's 40,044 + 12).
    expect(result.wireBytes).toBe(40056)
    expect(progress).toHaveLength(288)
    expect(progress.at(-1)).toMatchObject({
      bytesReceived: 36864,
      bytesTotal: 36864,
      wireBytes: 40056,
    })
    expect(
      progress.every((p, i) => i === 0 || p.bytesReceived > progress[i - 1]!.bytesReceived),
    ).toBe(true)
  })

  it('recognises an R503 window (192 × 192) by the size of the upload', async () => {
    const source = placeholderFingerImage(192, 192, 500, 1)
    const { driver, module, run } = setup({ width: 192, height: 192, imageSource: () => source })
    await run(driver.open())
    module.placeFinger()
    await run(driver.takeImage())
    let last: UploadProgress | null = null
    const { image } = await run(driver.uploadImage({ onProgress: (p) => (last = p) }))
    expect(image).toMatchObject({ width: 192, height: 192 })
    expect(last).toMatchObject({ bytesReceived: 18432, bytesTotal: 18432 })
  })

  it('refuses an upload of a size no known window has', async () => {
    const { driver, module, run } = setup({
      width: 100,
      height: 100,
      imageSource: () => placeholderFingerImage(100, 100),
    })
    await run(driver.open())
    module.placeFinger()
    await run(driver.takeImage())
    expect(await run(rejection(driver.uploadImage()))).toMatchObject({ kind: 'bad-image-size' })
  })

  it('changes the packet size and uploads in 256-byte packets', async () => {
    const { driver, module, run } = setup()
    await run(driver.open())
    expect((await run(driver.setPacketSize(256))).packetSize).toBe(256)
    module.placeFinger()
    await run(driver.takeImage())
    expect((await run(driver.uploadImage())).wireBytes).toBe(24 + 144 * (11 + 256))
  })

  it('switches both ends to a new baud rate', async () => {
    const { driver, module, run } = setup({ pacing: true })
    await run(driver.open())
    expect((await run(driver.setBaudRate(115200))).baudRate).toBe(115200)
    expect(module.baudRate).toBe(115200)
    expect(await run(driver.takeImage())).toBe(false)
  })

  it('hears nothing but garbage when the module switched baud and the host did not', async () => {
    const { driver, module, run } = setup()
    await run(driver.open())
    module.baudRate = 115200
    expect(await run(rejection(driver.takeImage()))).toBeInstanceOf(Ef01TimeoutError)
  })

  it('takes as long as the wire needs at 57600 baud (virtual clock)', async () => {
    const { driver, module, clock, run } = setup({ pacing: true })
    await run(driver.open())
    module.placeFinger()
    await run(driver.takeImage())
    const start = clock.now()
    const result = await run(driver.uploadImage())
    const bound = (40056 / 5760) * 1000
    expect(clock.now() - start).toBeGreaterThanOrEqual(bound)
    expect(clock.now() - start).toBeLessThan(bound * 1.01)
    expect(result.elapsedMs).toBeCloseTo(clock.now() - start, 0)
  })

  it('answers NO_VALID_IMAGE when asked to upload before any capture', async () => {
    const { driver, run } = setup()
    await run(driver.open())
    expect(await run(rejection(driver.uploadImage()))).toMatchObject({ reason: 'no-valid-image' })
  })
})

describe('Ef01Driver: waiting for the finger', () => {
  it('polls until the scripted finger lands and until it lifts', async () => {
    const { driver, clock, run } = setup({ autoFinger: { placeAfterMs: 1500, liftAfterMs: 400 } })
    await run(driver.open())
    const t0 = clock.now()
    await run(driver.waitForFinger({ pollIntervalMs: 100 }))
    expect(clock.now() - t0).toBeGreaterThanOrEqual(1500)
    await run(driver.uploadImage())
    await run(driver.waitForLift({ pollIntervalMs: 100 }))
    expect(driver.state).toBe('idle')
  })

  it('stops waiting when cancelled', async () => {
    const { driver, clock, run } = setup()
    await run(driver.open())
    const controller = new AbortController()
    clock.after(350, () => controller.abort())
    const error = await run(rejection(driver.waitForFinger({ signal: controller.signal })))
    expect(error).toBeInstanceOf(CancelledError)
    expect(driver.state).toBe('idle')
  })
})

describe('Ef01Driver: faults', () => {
  it.each(
    Object.values(CONFIRMATION)
      .filter((c) => c !== CONFIRMATION.OK && c !== CONFIRMATION.NO_FINGER)
      .map((code) => [confirmationInfo(code).id, code] as const),
  )('confirmation %s becomes a typed error', async (id, code) => {
    const { driver, module, run } = setup()
    await run(driver.open())
    module.injectFault({ kind: 'confirmation', instruction: INSTRUCTION.GET_IMAGE_EX, code })
    const error = await run(rejection(driver.takeImage()))
    expect(error).toBeInstanceOf(Ef01ConfirmationError)
    expect(error).toMatchObject({ reason: id, confirmation: code, code: `ef01-${id}` })
    expect((error as Error).message).toMatch(/ \/ /)
  })

  it('reports a bad checksum, then works again on the next command', async () => {
    const { driver, module, run } = setup()
    await run(driver.open())
    module.injectFault({ kind: 'bad-checksum', instruction: INSTRUCTION.GET_IMAGE_EX })
    expect(await run(rejection(driver.takeImage()))).toMatchObject({ kind: 'bad-checksum' })
    expect(await run(driver.takeImage())).toBe(false)
  })

  it('reports a truncated packet as truncated (not as silence) after the deadline', async () => {
    const { driver, module, run } = setup()
    await run(driver.open())
    module.injectFault({ kind: 'truncate', instruction: INSTRUCTION.GET_IMAGE_EX })
    const error = await run(rejection(driver.takeImage()))
    expect(error).toBeInstanceOf(Ef01TimeoutError)
    expect(error).toMatchObject({ code: 'ef01-truncated', partial: true })
    expect(await run(driver.takeImage())).toBe(false)
  })

  it('reports a packet with the wrong PID', async () => {
    const { driver, module, run } = setup()
    await run(driver.open())
    module.injectFault({ kind: 'wrong-pid', instruction: INSTRUCTION.GET_IMAGE_EX })
    const error = await run(rejection(driver.takeImage()))
    expect(error).toBeInstanceOf(Ef01ProtocolError)
    expect(error).toMatchObject({ kind: 'unexpected-pid' })
  })

  it('reports a module that stays silent', async () => {
    const { driver, module, clock, run } = setup()
    await run(driver.open())
    module.injectFault({ kind: 'no-answer', instruction: INSTRUCTION.GET_IMAGE_EX })
    const t0 = clock.now()
    expect(await run(rejection(driver.takeImage()))).toMatchObject({ code: 'ef01-no-answer' })
    expect(clock.now() - t0).toBe(2000)
  })

  it('recovers from a corrupted data packet in the middle of an upload', async () => {
    const { driver, module, run } = setup()
    await run(driver.open())
    module.placeFinger()
    await run(driver.takeImage())
    module.injectFault({ kind: 'bad-checksum', instruction: INSTRUCTION.UP_IMAGE, packet: 40 })
    expect(await run(rejection(driver.uploadImage()))).toBeInstanceOf(Ef01FrameError)
    expect((await run(driver.uploadImage())).image.pixels).toHaveLength(256 * 288)
  })

  it('fails clearly, and for good, when the module is unplugged mid-image', async () => {
    const { driver, module, run } = setup({ pacing: true })
    await run(driver.open())
    module.placeFinger()
    await run(driver.takeImage())
    module.injectFault({ kind: 'unplug', instruction: INSTRUCTION.UP_IMAGE, packet: 100 })
    let lastProgress = 0
    const error = await run(
      rejection(driver.uploadImage({ onProgress: (p) => (lastProgress = p.bytesReceived) })),
    )
    expect(error).toBeInstanceOf(TransportError)
    expect(error).toMatchObject({ transportCode: 'removed', retryable: true })
    expect(lastProgress).toBe(99 * 128)
    expect(driver.state).toBe('failed')
    expect(await run(rejection(driver.takeImage()))).toBeInstanceOf(TransportError)
  })

  it('cancels an upload and drains the rest before the next command', async () => {
    const { driver, module, run } = setup({ pacing: true })
    await run(driver.open())
    module.placeFinger()
    await run(driver.takeImage())
    const controller = new AbortController()
    const error = await run(
      rejection(
        driver.uploadImage({
          signal: controller.signal,
          onProgress: (p) => p.bytesReceived >= 128 * 10 && controller.abort(),
        }),
      ),
    )
    expect(error).toBeInstanceOf(CancelledError)
    expect(await run(driver.takeImage())).toBe(true)
    expect((await run(driver.uploadImage())).image.width).toBe(256)
  })
})
