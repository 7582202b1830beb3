import { mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { DATABASE_FILE_NAME } from '../../core'
import { tamper, writeAuditFile } from '../../core/audit/test-helpers'
import { EXIT } from '../exit-codes'
import { runCli } from '../main'
import type { CliIo } from '../output'
import { runKioskBin } from '../run-bin'

let dataDir: string
let file: string

beforeEach(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'audit-cli-'))
  mkdirSync(dataDir, { recursive: true })
  file = join(dataDir, DATABASE_FILE_NAME)
})
afterEach(() => rmSync(dataDir, { recursive: true, force: true }))

function captureIo(): CliIo & { stdout: string[]; stderr: string[] } {
  const stdout: string[] = []
  const stderr: string[] = []
  return { stdout, stderr, out: (t) => stdout.push(t), err: (t) => stderr.push(t) }
}

async function verify(...flags: string[]) {
  const io = captureIo()
  const code = await runCli(['audit', 'verify', '--data-dir', dataDir, ...flags], { io, env: {} })
  return { code, out: io.stdout.join('\n'), err: io.stderr.join('\n') }
}

describe('kiosk audit verify', () => {
  it('exits 0 on an intact log and says so in both languages', async () => {
    writeAuditFile(file, { entries: 9, checkpointEvery: 4, acknowledge: true })
    const { code, out } = await verify()
    expect(code).toBe(EXIT.OK)
    expect(out).toContain('Nhật ký kiểm toán nguyên vẹn: 9 mục')
    expect(out).toContain('Audit log intact: 9 entries')
  })

  it('exits 4 on an edited entry, naming the kind, the seq and what to do next', async () => {
    writeAuditFile(file, { entries: 9, checkpointEvery: 4 })
    tamper(file, (db) => db.prepare("UPDATE audit_log SET action = 'x' WHERE seq = 3").run())
    const { code, out } = await verify()
    expect(code).toBe(EXIT.VERIFICATION_FAILED)
    expect(out).toContain('Mục 3 đã bị sửa')
    expect(out).toContain('Entry 3 was edited')
    expect(out).toContain('báo ngay cho cán bộ giám sát')
    expect(out).toContain('Report this to your supervisor')
    expect(out).toContain(dataDir)
  })

  it('prints the verdict object with --json', async () => {
    writeAuditFile(file, { entries: 9, checkpointEvery: 4 })
    tamper(file, (db) => db.prepare('DELETE FROM audit_log WHERE seq > 6').run())
    const { code, out } = await verify('--json')
    expect(code).toBe(EXIT.VERIFICATION_FAILED)
    expect(JSON.parse(out)).toMatchObject({
      intact: false,
      entries: 6,
      checkpointSeq: 8,
      fault: { kind: 'truncated', seq: 7 },
    })
  })

  it('does not change the file it judges', async () => {
    writeAuditFile(file, { entries: 5, checkpointEvery: 4 })
    const before = await verify('--json')
    const after = await verify('--json')
    expect(JSON.parse(after.out)).toEqual(JSON.parse(before.out))
    expect(JSON.parse(after.out)).toMatchObject({ entries: 5, lastSeq: 5 })
  })

  it('refuses a data directory without a station database', async () => {
    const { code, err } = await verify()
    expect(code).toBe(EXIT.NOT_FOUND)
    expect(err).toContain('--data-dir')
  })

  it('runs through the real bin, exit 4 on a reordered log', async () => {
    writeAuditFile(file, { entries: 6, checkpointEvery: 4 })
    tamper(file, (db) => {
      db.prepare('UPDATE audit_log SET seq = -2 WHERE seq = 2').run()
      db.prepare('UPDATE audit_log SET seq = 2 WHERE seq = 3').run()
      db.prepare('UPDATE audit_log SET seq = 3 WHERE seq = -2').run()
    })
    const result = await runKioskBin(['audit', 'verify', '--json', '--data-dir', dataDir])
    expect(result.code, result.stderr).toBe(EXIT.VERIFICATION_FAILED)
    expect(JSON.parse(result.stdout)).toMatchObject({ fault: { kind: 'reordered', seq: 2 } })
  })
})
