import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { tempKioskConfig } from '../../core/test-support'
import { EXIT } from '../exit-codes'
import { runCli } from '../main'
import type { CliIo } from '../output'

const cleanups: (() => void)[] = []
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup()
})
function dataDir(): string {
  const temp = tempKioskConfig()
  cleanups.push(temp.cleanup)
  return temp.config.dataDir
}
function captureIo(): CliIo & { text: () => string } {
  const stdout: string[] = []
  return { out: (t) => stdout.push(t), err: () => {}, text: () => stdout.join('\n') }
}

describe('kiosk doctor: station key protection', () => {
  it('says a training station keeps its keys in clear, and that this is for training only', async () => {
    const io = captureIo()
    expect(await runCli(['doctor', '--data-dir', dataDir()], { io, env: {} })).toBe(EXIT.OK)
    expect(io.text()).toMatch(
      /Bảo vệ khoá trạm \/ Station key protection\s+KHÔNG mã hoá — chỉ dùng cho đào tạo \/ NOT protected — training only/,
    )
    expect(io.text()).toContain('Before live use, enable the TPM')
  })

  it('names the passphrase protector when a passphrase file is given (JSON too)', async () => {
    const dir = dataDir()
    const passphraseFile = join(dir, 'passphrase.txt')
    writeFileSync(passphraseFile, 'station passphrase\n')
    const io = captureIo()
    const argv = ['doctor', '--json', '--data-dir', dir, '--passphrase-file', passphraseFile]
    expect(await runCli(argv, { io, env: {} })).toBe(EXIT.OK)
    expect(JSON.parse(io.text())).toMatchObject({
      keyProtection: { kind: 'passphrase', notes: [] },
    })
  })

  it('on a live station with no protector, prints the refusal and what to do, exit 1', async () => {
    const io = captureIo()
    const argv = ['doctor', '--data-dir', dataDir(), '--devices', 'real']
    const env = { KIOSK_UPSTREAM_URL: 'https://intake.example.vn' }
    expect(await runCli(argv, { io, env })).toBe(EXIT.FAILED)
    expect(io.text()).toContain(
      'Từ chối: trạm không khởi động / Refused: the station does not start',
    )
    expect(io.text()).toContain('--passphrase-file PATH')
    expect(io.text()).toContain('Cần cụm mật khẩu để mở khoá trạm')
  })
})
