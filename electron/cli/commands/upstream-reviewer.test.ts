import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { openUpstream } from '../../../upstream/server'
import { runCli } from '../main'
import type { CliIo } from '../output'
import { EXIT } from '../exit-codes'

const dir = mkdtempSync(join(tmpdir(), 'kiosk-reviewer-cli-'))
const dataDir = join(dir, 'upstream')
afterAll(() => rmSync(dir, { recursive: true, force: true }))

function captureIo(): CliIo & { stdout: string[]; stderr: string[] } {
  const stdout: string[] = []
  const stderr: string[] = []
  return { stdout, stderr, out: (t) => stdout.push(t), err: (t) => stderr.push(t) }
}

async function kiosk(...args: string[]) {
  const io = captureIo()
  const code = await runCli(['upstream', 'reviewer', ...args, '--data', dataDir], {
    io,
    env: {},
  })
  return { code, out: io.stdout.join('\n'), err: io.stderr.join('\n') }
}

function passwordFile(name: string, password: string): string {
  const file = join(dir, name)
  writeFileSync(file, `${password}\n`, { mode: 0o600 })
  return file
}

/** Signs in on the upstream itself, as the review page would. */
async function signIn(id: string, password: string) {
  const upstream = await openUpstream({ dataDir })
  try {
    return await upstream.reviewers.signIn(id, password)
  } finally {
    await upstream.close()
  }
}

describe('kiosk upstream reviewer', () => {
  it('adds, lists, disables, enables, unlocks and re-passwords accounts', async () => {
    const first = passwordFile('hoa', 'Hoa sen trong đầm 2026')
    const added = await kiosk(
      'add',
      'hoa',
      '--name',
      'Lê Thị Hoa',
      '--role',
      'senior',
      '--password-file',
      first,
    )
    expect(added).toMatchObject({ code: 0, out: expect.stringContaining('Reviewer hoa added') })
    expect((await signIn('hoa', 'Hoa sen trong đầm 2026')).reviewer).toEqual({
      id: 'hoa',
      name: 'Lê Thị Hoa',
      role: 'senior',
    })
    const list = await kiosk('list', '--json')
    expect(JSON.parse(list.out)).toEqual([
      expect.objectContaining({ id: 'hoa', name: 'Lê Thị Hoa', role: 'senior', disabled: false }),
    ])
    expect(list.out).not.toContain('scrypt')

    expect((await kiosk('disable', 'hoa')).code).toBe(0)
    await expect(signIn('hoa', 'Hoa sen trong đầm 2026')).rejects.toMatchObject({
      code: 'reviewer_disabled',
    })
    expect((await kiosk('list')).out).toMatch(/hoa\tsenior\tLê Thị Hoa\tđã vô hiệu hóa \/ disabled/)
    expect((await kiosk('enable', 'hoa')).code).toBe(0)

    for (let i = 0; i < 5; i++) await signIn('hoa', 'wrong').catch(() => undefined)
    expect((await kiosk('list')).out).toContain('locked until')
    expect((await kiosk('unlock', 'hoa')).out).toContain('Reviewer hoa unlocked')
    expect((await kiosk('list')).out).toContain('active')

    const second = passwordFile('hoa-2', 'Mật khẩu thứ hai 2026')
    expect((await kiosk('password', 'hoa', '--password-file', second)).code).toBe(0)
    await expect(signIn('hoa', 'Hoa sen trong đầm 2026')).rejects.toMatchObject({
      code: 'sign_in_failed',
    })
    expect((await signIn('hoa', 'Mật khẩu thứ hai 2026')).reviewer.id).toBe('hoa')
  })

  it('refuses a short password, a taken username, a bad role and a missing password source', async () => {
    const short = await kiosk(
      'add',
      'lan',
      '--name',
      'Phạm Lan',
      '--password-file',
      passwordFile('s', 'ngắn'),
    )
    expect(short.code).toBe(EXIT.FAILED)
    expect(short.err).toContain('at least 10 characters')
    const good = passwordFile('lan', 'Một mật khẩu đủ dài')
    expect((await kiosk('add', 'lan', '--name', 'Phạm Lan', '--password-file', good)).code).toBe(0)
    const again = await kiosk('add', 'lan', '--name', 'Phạm Lan', '--password-file', good)
    expect(again.err).toContain('Reviewer lan already exists')
    const role = await kiosk(
      'add',
      'minh',
      '--name',
      'Minh',
      '--role',
      'admin',
      '--password-file',
      good,
    )
    expect(role).toMatchObject({
      code: EXIT.USAGE,
      err: expect.stringContaining('Invalid role: admin'),
    })
    // Tests run without a terminal on stdin: no prompt, a clear refusal.
    const none = await kiosk('add', 'minh', '--name', 'Minh')
    expect(none).toMatchObject({
      code: EXIT.USAGE,
      err: expect.stringContaining('--password-file'),
    })
    const unknown = await kiosk('unlock', 'nobody')
    expect(unknown.err).toContain('No reviewer nobody')
  })
})
