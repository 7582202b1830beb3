import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { runCli } from '../../electron/cli/main'
import type { CliIo } from '../../electron/cli/output'
import { EXIT } from '../../electron/cli/exit-codes'
import { parseRegistrationCode } from '../../protocol'
import { freshPostgresDatabase } from '../support/postgres'

const root = mkdtempSync(join(tmpdir(), 'kiosk-upstream-db-'))
const drops: (() => Promise<void>)[] = []
afterAll(async () => {
  for (const drop of drops.splice(0)) await drop()
  rmSync(root, { recursive: true, force: true })
})

function captureIo(): CliIo & { stdout: string[]; stderr: string[] } {
  const stdout: string[] = []
  const stderr: string[] = []
  return { stdout, stderr, out: (t) => stdout.push(t), err: (t) => stderr.push(t) }
}

async function kiosk(argv: string[], env: NodeJS.ProcessEnv = {}) {
  const io = captureIo()
  const code = await runCli(argv, { io, env })
  return { code, stdout: io.stdout.join('\n'), stderr: io.stderr.join('\n') }
}

describe('kiosk upstream --db', () => {
  it('refuses an address that is not PostgreSQL, saying what it takes, and creates nothing', async () => {
    const dataDir = join(root, 'refused')
    const answer = await kiosk(['upstream', 'invite', '--data', dataDir, '--db', 'mysql://x/y'])
    expect(answer.code).toBe(EXIT.USAGE)
    expect(answer.stderr).toContain('postgres://')
    expect(answer.stderr).toContain('Địa chỉ cơ sở dữ liệu không hợp lệ')
    expect(existsSync(dataDir)).toBe(false)
  })

  it('says it cannot reach a database that does not answer, its password hidden', async () => {
    const dataDir = join(root, 'unreachable')
    const url = 'postgresql://kiosk:s3cret@127.0.0.1:1/none'
    for (const argv of [
      ['upstream', 'invite', '--data', dataDir, '--db', url],
      ['upstream', 'stats', '--data', dataDir, '--db', url],
    ]) {
      const answer = await kiosk(argv)
      expect(answer.code).toBe(EXIT.FAILED)
      expect(answer.stderr).toContain('Không kết nối được cơ sở dữ liệu postgresql://kiosk:…@')
      expect(answer.stderr).toContain('Cannot reach the database')
      expect(answer.stderr).not.toContain('s3cret')
    }
  })

  it('invites, adds a reviewer and counts files in PostgreSQL, leaving no SQLite file behind', async () => {
    const database = await freshPostgresDatabase()
    drops.push(database.drop)
    const dataDir = join(root, 'pg')
    const invite = await kiosk(['upstream', 'invite', '--data', dataDir, '--db', database.url])
    expect(invite.code, invite.stderr).toBe(0)
    expect(parseRegistrationCode(invite.stdout.trim()).ok).toBe(true)
    const passwordFile = join(root, 'password')
    writeFileSync(passwordFile, 'Mật-khẩu-2026\n', { mode: 0o600 })
    // The environment variable names the same database as the flag.
    const env = { KIOSK_UPSTREAM_DB: database.url }
    const withPassword = await kiosk(
      [
        ...['upstream', 'reviewer', 'add', 'hoa', '--name', 'Lê Thị Hoa', '--data', dataDir],
        ...['--password-file', passwordFile],
      ],
      env,
    )
    expect(withPassword.code, withPassword.stderr).toBe(0)
    const listed = await kiosk(['upstream', 'reviewer', 'list', '--json', '--data', dataDir], env)
    expect(JSON.parse(listed.stdout)).toMatchObject([{ id: 'hoa', name: 'Lê Thị Hoa' }])
    const stats = await kiosk(['upstream', 'stats', '--json', '--data', dataDir], env)
    expect(JSON.parse(stats.stdout)).toEqual({
      received: 0,
      approved: 0,
      rejected: 0,
      duplicates: 0,
      auditFlags: 0,
    })
    expect(existsSync(join(dataDir, 'upstream.sqlite'))).toBe(false)
  })
})
