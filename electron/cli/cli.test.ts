import { afterAll, describe, expect, it } from 'vitest'
import { migrations } from '../core/store'
import { tempKioskConfig } from '../core/test-support'
import { runCli } from './main'
import type { CliIo } from './output'
import { runKioskBin } from './run-bin'
import { EXIT } from './exit-codes'

const temp = tempKioskConfig()
afterAll(() => temp.cleanup())

function captureIo(): CliIo & { stdout: string[]; stderr: string[] } {
  const stdout: string[] = []
  const stderr: string[] = []
  return { stdout, stderr, out: (t) => stdout.push(t), err: (t) => stderr.push(t) }
}

describe('kiosk doctor', () => {
  it('prints valid JSON with --json (through the real bin, as npx kiosk runs it)', async () => {
    const result = await runKioskBin(['doctor', '--json', '--data-dir', temp.config.dataDir])
    expect(result.code, result.stderr).toBe(0)
    const report = JSON.parse(result.stdout) as Record<string, unknown>
    expect(report).toMatchObject({
      node: process.version,
      electron: { version: '45.5.0' },
      sqlite: expect.stringMatching(/^3\.\d+\.\d+$/),
      dataDir: temp.config.dataDir,
      config: { devices: 'simulated', language: 'vi' },
      sources: { dataDir: 'flag', devices: 'default' },
      database: { schemaVersion: migrations.length, auditChainIntact: true },
    })
    expect(report.pcsc).toHaveProperty('available')
    expect(report.serial).toHaveProperty('ports')
    expect(report.hid).toHaveProperty('devices')
    const devices = report.devices as { source: string; kind: string }[]
    expect(devices.map((d) => d.source)).toEqual(devices.map(() => 'simulated'))
    expect(devices.map((d) => d.kind).sort()).toEqual([
      'barcode',
      'camera',
      'card-reader',
      'fingerprint',
    ])
  })

  it('prints a readable report by default, labelled in English and Vietnamese', async () => {
    const io = captureIo()
    expect(await runCli(['doctor', '--data-dir', temp.config.dataDir], { io, env: {} })).toBe(0)
    const text = io.stdout.join('\n')
    expect(text).toMatch(/Node\s+v\d+/)
    expect(text).toMatch(/SQLite\s+3\./)
    expect(text).toContain('Thư mục dữ liệu / Data directory')
    expect(text).toContain(temp.config.dataDir)
    expect(text).toMatch(/Đầu đọc thẻ \/ PC\/SC readers/)
    expect(text).toMatch(/card-reader\s+ready\s+simulated\s+Virtual CCCD reader/)
  })

  it('takes its configuration from the environment too', async () => {
    const io = captureIo()
    await runCli(['doctor', '--json'], {
      io,
      env: { KIOSK_DATA_DIR: temp.config.dataDir, KIOSK_LANG: 'en' },
    })
    expect(JSON.parse(io.stdout.join(''))).toMatchObject({
      config: { language: 'en' },
      sources: { language: 'env', dataDir: 'env' },
    })
  })
})

describe('kiosk command line errors', () => {
  it.each([
    [
      ['doctor', '--devices', 'maybe'],
      /^Cấu hình không hợp lệ \/ Invalid configuration: --devices/,
      'kiosk doctor [--json]',
    ],
    [
      ['doctor', '--jsno'],
      /^Tham số không hợp lệ \/ Invalid arguments: .*--jsno/,
      'kiosk doctor [--json]',
    ],
    [['card', 'read', '--cna', '123456'], /Invalid arguments: .*--cna/, 'kiosk card read'],
    [['fly'], /^Lệnh không tồn tại \/ Unknown command: fly/, 'kiosk queue retry FILE_ID'],
    [['card', 'scan'], /card has no such subcommand: scan$/, 'kiosk card qr'],
    [
      ['host', '--port', '99999', '--data-dir', '/nonexistent'],
      /^Cổng không hợp lệ \/ Invalid port: 99999/,
      'kiosk host [--port N]',
    ],
  ])('%j is a usage error: one bilingual line, then the usage', async (argv, message, usage) => {
    const io = captureIo()
    expect(await runCli(argv, { io, env: {} })).toBe(EXIT.USAGE)
    expect(io.stderr).toHaveLength(2)
    expect(io.stderr[0]).toMatch(message)
    expect(io.stderr[1]).toContain(usage)
  })

  it('prints usage and the exit codes for help (exit 0), usage for no command', async () => {
    const io = captureIo()
    expect(await runCli(['--help'], { io })).toBe(EXIT.OK)
    expect(io.stdout[0]).toContain('kiosk <command>')
    for (const code of Object.values(EXIT))
      expect(io.stdout[0]).toMatch(new RegExp(`^ +${code}  `, 'm'))
    expect(await runCli([], { io: captureIo() })).toBe(EXIT.USAGE)
    const group = captureIo()
    expect(await runCli(['queue'], { io: group })).toBe(EXIT.USAGE)
    expect(group.stdout[0]).toContain('kiosk queue ls')
    expect(group.stdout[0]).not.toContain('kiosk card read')
  })

  it('a data directory that cannot be created fails at once with its own exit code', async () => {
    // Node's recursive mkdir spins forever on /proc/x; the runner's 30 s timeout would catch that.
    for (const command of [['doctor'], ['queue', 'ls'], ['sim', 'enroll', '--placeholders']]) {
      const io = captureIo()
      expect(await runCli([...command, '--data-dir', '/proc/kiosk-x'], { io, env: {} })).toBe(
        EXIT.DATA_DIR,
      )
      expect(io.stderr).toEqual([
        expect.stringMatching(
          /^Không tạo được thư mục dữ liệu \/proc\/kiosk-x \/ Cannot create the data directory \/proc\/kiosk-x: ENOENT/,
        ),
      ])
    }
  })
})

describe('kiosk card read on the configured devices', () => {
  it('reads the virtual CCCD when devices are simulated, the default (no pcscd needed)', async () => {
    const io = captureIo()
    const code = await runCli(['card', 'read', '--id', '079301012345', '--json'], { io, env: {} })
    expect(code, io.stderr.join('\n')).toBe(EXIT.OK)
    const read = JSON.parse(io.stdout.join('')) as { reader: string; access: unknown }
    expect(read.reader).toBe('Virtual CCCD (in-process)')
  })

  it('refuses --reader with simulated devices instead of ignoring it', async () => {
    const io = captureIo()
    const argv = ['card', 'read', '--id', '079301012345', '--reader', 'ACS ACR1252']
    expect(await runCli(argv, { io, env: {} })).toBe(EXIT.USAGE)
    expect(io.stderr[0]).toMatch(
      /^--reader .* \/ --reader needs real devices .*: --reader ACS ACR1252$/,
    )
    expect(io.stderr[1]).toContain('kiosk card read')
  })

  it('goes to PC/SC with --devices real, not to the virtual CCCD', async () => {
    const io = captureIo()
    const argv = ['card', 'read', '--id', '079301012345', '--devices', 'real']
    const code = await runCli(argv, { io, env: {} })
    // Whatever PC/SC holds here (no pcscd; or pcscd with another card, which refuses this CAN or
    // fails verification), the answer is PC/SC's, never the in-process virtual CCCD's.
    expect([EXIT.NO_DEVICE, EXIT.ACCESS_DENIED, EXIT.VERIFICATION_FAILED, EXIT.OK]).toContain(code)
    expect(io.stdout.join('')).not.toContain('Virtual CCCD (in-process)')
  })
})
