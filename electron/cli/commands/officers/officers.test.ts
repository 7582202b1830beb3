// `kiosk officers …` as a station's terminal runs it: a child process, passwords on standard input.
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { tempKioskConfig } from '../../../core/test-support'
import { EXIT } from '../../exit-codes'
import { runKioskBin } from '../../run-bin'

const temp = tempKioskConfig()
afterAll(() => temp.cleanup())

const CHIEF_PASSWORD = 'đèn đỏ đầu ngõ 47'
const OFFICER_PASSWORD = 'phường Bến Nghé ca sáng'
const data = ['--data-dir', temp.config.dataDir]
const officers = (args: readonly string[], input?: string) =>
  runKioskBin(['officers', ...args, ...data], {}, input)

function everyFile(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    return statSync(path).isDirectory() ? everyFile(path) : [path]
  })
}

describe('kiosk officers', () => {
  it('prints a one-time setup code while the station has no officer', async () => {
    const result = await officers(['init'])
    expect(result.code, result.stderr).toBe(EXIT.OK)
    expect(result.stdout).toMatch(/Station setup code \(one use, expires at .+\): \S+/)
  })

  it('refuses two different passwords, and a common one, creating nobody', async () => {
    const differ = await officers(['init', '--username', 'chief'], 'first-pass-1\nsecond-pass-2\n')
    expect(differ.code).toBe(EXIT.USAGE)
    expect(differ.stderr).toMatch(/The two passwords differ/)
    const common = await officers(['init', '--username', 'chief'], '12345678\n12345678\n')
    expect(common.code).not.toBe(EXIT.OK)
    expect(common.stderr).toMatch(/ \/ /) // a bilingual reason
    const list = await officers(['list', '--json'])
    expect(JSON.parse(list.stdout)).toEqual([])
  }, 60_000)

  it('creates the first supervisor from the terminal, then refuses a second init', async () => {
    const created = await officers(
      ['init', '--username', 'Chief', '--name', 'Trần Văn Bình'],
      `${CHIEF_PASSWORD}\n${CHIEF_PASSWORD}\n`,
    )
    expect(created.code, created.stderr).toBe(EXIT.OK)
    expect(created.stdout).toMatch(/Account chief created \(supervisor\)/)
    const again = await officers(['init'])
    expect(again.code).toBe(EXIT.FAILED)
    expect(again.stderr).toMatch(/already has officers/)
  }, 60_000)

  it('adds an officer only with the supervisor password, lists and disables them', async () => {
    const refused = await officers(
      ['add', '--as', 'chief', '--username', 'lethian', '--role', 'officer'],
      `wrong password here\n${OFFICER_PASSWORD}\n${OFFICER_PASSWORD}\n`,
    )
    expect(refused.code).not.toBe(EXIT.OK)
    const added = await officers(
      ['add', '--as', 'chief', '--username', 'lethian', '--role', 'officer', '--name', 'Lê Thị An'],
      `${CHIEF_PASSWORD}\n${OFFICER_PASSWORD}\n${OFFICER_PASSWORD}\n`,
    )
    expect(added.code, added.stderr).toBe(EXIT.OK)
    const disabled = await officers(['disable', 'lethian', '--as', 'chief'], `${CHIEF_PASSWORD}\n`)
    expect(disabled.code, disabled.stderr).toBe(EXIT.OK)
    const list = await officers(['list', '--json'])
    const accounts = JSON.parse(list.stdout) as { username: string; role: string; state: string }[]
    expect(accounts.map((a) => [a.username, a.role, a.state])).toEqual([
      ['chief', 'supervisor', 'active'],
      ['lethian', 'officer', 'disabled'],
    ])
    expect(list.stdout).not.toContain(CHIEF_PASSWORD)
  }, 90_000)

  it('leaves no password anywhere in the data directory (database, WAL, every file)', () => {
    for (const path of everyFile(temp.config.dataDir)) {
      const bytes = readFileSync(path)
      for (const password of [CHIEF_PASSWORD, OFFICER_PASSWORD]) {
        expect(bytes.includes(Buffer.from(password, 'utf8')), `${password} in ${path}`).toBe(false)
      }
    }
  })
})
