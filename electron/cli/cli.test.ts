import { afterAll, describe, expect, it } from 'vitest'
import { migrations } from '../core/store'
import { tempKioskConfig } from '../core/test-support'
import { runCli } from './main'
import type { CliIo } from './output'
import { runKioskBin } from './run-bin'

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
    expect((report.devices as { source: string }[]).map((d) => d.source)).toEqual([
      'simulated',
      'simulated',
      'simulated',
    ])
  })

  it('prints a readable report by default, labelled in English and Vietnamese', async () => {
    const io = captureIo()
    expect(await runCli(['doctor', '--data-dir', temp.config.dataDir], { io, env: {} })).toBe(0)
    const text = io.stdout.join('\n')
    expect(text).toMatch(/Node\s+v\d+/)
    expect(text).toMatch(/SQLite\s+3\./)
    expect(text).toContain('Data directory / Thư mục dữ liệu')
    expect(text).toContain(temp.config.dataDir)
    expect(text).toMatch(/PC\/SC readers \/ Đầu đọc thẻ/)
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
    ],
    [['doctor', '--jsno'], /^Tham số không hợp lệ \/ Invalid arguments: .*--jsno/],
    [['fly'], /^Lệnh không tồn tại \/ Unknown command: fly/],
    [
      ['host', '--port', '99999', '--data-dir', '/nonexistent'],
      /^Cổng không hợp lệ \/ Invalid port: 99999/,
    ],
  ])('%j fails with one bilingual line and exit code 1', async (argv, message) => {
    const io = captureIo()
    expect(await runCli(argv, { io, env: {} })).toBe(1)
    expect(io.stderr).toHaveLength(1)
    expect(io.stderr[0]).toMatch(message)
  })

  it('prints usage for help (exit 0) and for no command (exit 1)', async () => {
    const io = captureIo()
    expect(await runCli(['--help'], { io })).toBe(0)
    expect(io.stdout[0]).toContain('kiosk <command>')
    expect(await runCli([], { io: captureIo() })).toBe(1)
  })
})
