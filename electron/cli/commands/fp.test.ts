import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { readFingerImageRecord } from '../../../drivers/fingerprint/records'
import { createSbiSimulatorIdentity } from '../../../drivers/fingerprint/sim'
import { runCli } from '../main'
import type { CliIo } from '../output'
import { runKioskBin } from '../run-bin'
import { EXIT } from '../exit-codes'

const REAL = ['--devices', 'real']

const out = mkdtempSync(join(tmpdir(), 'kiosk-fp-'))
afterAll(() => rmSync(out, { recursive: true, force: true }))

function captureIo(): CliIo & { stdout: string[]; stderr: string[] } {
  const stdout: string[] = []
  const stderr: string[] = []
  return { stdout, stderr, out: (t) => stdout.push(t), err: (t) => stderr.push(t) }
}

async function freePort(): Promise<number> {
  const server = createServer()
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()))
  const port = (server.address() as { port: number }).port
  await new Promise<void>((r) => server.close(() => r()))
  return port
}

describe('kiosk fp capture', { timeout: 60_000 }, () => {
  it('captures from the simulator through the real bin and prints one JSON object', async () => {
    const result = await runKioskBin([
      'fp',
      'capture',
      '--finger',
      'left-index',
      '--device',
      'sim',
      '--baud',
      '921600',
      '--out',
      out,
      '--json',
    ])
    expect(result.code, result.stderr).toBe(0)
    const summary = JSON.parse(result.stdout) as Record<string, unknown>
    expect(summary).toMatchObject({
      finger: 'left-index',
      width: 256,
      height: 288,
      ppi: 500,
      accepted: true,
      qualitySource: 'kiosk-quality-score',
      record: join(out, 'left-index.iso'),
    })
    expect(summary.quality).toEqual(expect.any(Number))
    expect(summary.bytesOnWire).toBeGreaterThan(40000)
    expect(summary.elapsedMs).toEqual(expect.any(Number))
    const { images } = await readFingerImageRecord(readFileSync(join(out, 'left-index.iso')))
    expect(images[0]).toMatchObject({ finger: 'left-index', image: { width: 256, height: 288 } })
  })

  it('captures over the simulated CP2110 HID bridge and writes a PNG record on request', async () => {
    const io = captureIo()
    const code = await runCli(
      [
        'fp',
        'capture',
        '--finger',
        'right-thumb',
        '--device',
        'sim:hid',
        '--baud',
        '460800',
        '--out',
        out,
        '--format',
        'png',
        '--json',
      ],
      { io, env: {} },
    )
    expect(code, io.stderr.join('\n')).toBe(0)
    expect(JSON.parse(io.stdout.join(''))).toMatchObject({ device: { transport: 'sim:hid' } })
    const { record } = await readFingerImageRecord(readFileSync(join(out, 'right-thumb.iso')))
    expect(record.representations[0]!.compression).toBe(6)
  })

  it('writes a WSQ record on request (compression code 2), and refuses an unknown format', async () => {
    const io = captureIo()
    const args = ['fp', 'capture', '--finger', 'left-thumb', '--device', 'sim', '--out', out]
    const code = await runCli([...args, '--format', 'wsq', '--json'], { io, env: {} })
    expect(code, io.stderr.join('\n')).toBe(0)
    const { record, images } = await readFingerImageRecord(
      readFileSync(join(out, 'left-thumb.iso')),
    )
    expect(record.representations[0]!.compression).toBe(2)
    expect(images[0]).toMatchObject({ finger: 'left-thumb', image: { width: 256, height: 288 } })
    const refused = captureIo()
    expect(await runCli([...args, '--format', 'bmp'], { io: refused, env: {} })).toBe(EXIT.USAGE)
    expect(refused.stderr.join('\n')).toMatch(/bmp \(jp2\|png\|wsq\)/)
  })

  it('keeps the device record and NFIQ 2 of an SBI device (in-process mock)', async () => {
    const io = captureIo()
    const code = await runCli(
      ['fp', 'capture', '--finger', 'right-middle', '--device', 'sim:sbi', '--out', out, '--json'],
      {
        io,
        env: {},
      },
    )
    expect(code, io.stderr.join('\n')).toBe(0)
    expect(JSON.parse(io.stdout.join(''))).toMatchObject({
      qualitySource: 'device-nfiq2',
      width: 400,
      height: 500,
      device: { kind: 'sbi', enrolmentGrade: true },
    })
  })

  it('exits 3 with one bilingual line when the serial port does not exist', async () => {
    const io = captureIo()
    const code = await runCli(
      ['fp', 'capture', '--finger', 'right-index', '--device', 'serial:/dev/kiosk-none', ...REAL],
      {
        io,
        env: {},
      },
    )
    expect(code).toBe(3)
    expect(io.stderr).toHaveLength(1)
    expect(io.stderr[0]).toMatch(/^Không tìm thấy thiết bị \/ Device not found: .*kiosk-none/)
  })

  it('exits 3 when no SBI service answers on the port', async () => {
    const trust = join(out, 'ca.pem')
    writeFileSync(trust, createSbiSimulatorIdentity(new Date()).ca.certificate.toString())
    const io = captureIo()
    const port = await freePort()
    const code = await runCli(
      [
        'fp',
        'capture',
        '--finger',
        'right-index',
        '--device',
        `sbi:${port}`,
        '--trust',
        trust,
        ...REAL,
      ],
      { io, env: {} },
    )
    expect(code).toBe(3)
    expect(io.stderr[0]).toMatch(
      /^Không kết nối được dịch vụ thiết bị SBI \/ The SBI device service is unreachable/,
    )
  })

  it('an invalid finger name is a usage error: one bilingual line, then the usage', async () => {
    const io = captureIo()
    const code = await runCli(['fp', 'capture', '--finger', 'pinky', '--device', 'sim'], {
      io,
      env: {},
    })
    expect(code).toBe(EXIT.USAGE)
    expect(io.stderr[0]).toMatch(/^Tên ngón tay không hợp lệ \/ Invalid finger name: pinky/)
    expect(io.stderr[1]).toContain('kiosk fp capture --finger NAME')
  })

  it.each([
    [
      ['--device', 'serial:/dev/ttyUSB0'],
      /--devices real or auto\); the devices are simulated: --device serial/,
    ],
    [['--device', 'sim:hid', ...REAL], /not used with --devices real: --device sim:hid$/],
  ])('%j: the device must match the configured devices (usage error)', async (args, message) => {
    const io = captureIo()
    const argv = ['fp', 'capture', '--finger', 'right-index', ...args]
    expect(await runCli(argv, { io, env: {} })).toBe(EXIT.USAGE)
    expect(io.stderr[0]).toMatch(message)
  })

  it.each([
    [
      ['--finger', 'right-index', '--device', 'usb:1', ...REAL],
      /^Thiết bị vân tay không hợp lệ \/ Invalid fingerprint device: usb:1/,
    ],
    [['--finger', 'right-index', '--device', 'sbi', ...REAL], /--trust FILE/],
  ])('%j exits 1 with one bilingual line', async (args, message) => {
    const io = captureIo()
    expect(await runCli(['fp', 'capture', ...args], { io, env: {} })).toBe(1)
    expect(io.stderr).toHaveLength(1)
    expect(io.stderr[0]).toMatch(message)
  })
})

describe('kiosk fp list', { timeout: 60_000 }, () => {
  it('lists the simulator in simulated mode, as JSON', async () => {
    const io = captureIo()
    expect(await runCli(['fp', 'list', '--json'], { io, env: {} })).toBe(0)
    const listing = JSON.parse(io.stdout.join('')) as {
      devices: { device: string }[]
      problems: unknown[]
    }
    expect(listing.devices[0]).toMatchObject({ device: 'sim', kind: 'sim' })
    expect(Array.isArray(listing.problems)).toBe(true)
  })

  it('leaves the simulator out with --devices real', async () => {
    const io = captureIo()
    expect(await runCli(['fp', 'list', '--devices', 'real'], { io, env: {} })).toBe(0)
    expect(io.stdout.join('\n')).not.toMatch(/^sim /m)
  })

  it('rejects an unknown fp subcommand', async () => {
    const io = captureIo()
    expect(await runCli(['fp', 'scan'], { io, env: {} })).toBe(EXIT.USAGE)
    expect(io.stderr[0]).toMatch(/ \/ fp has no such subcommand: scan$/)
    expect(io.stderr[1]).toContain('kiosk fp list')
  })
})
