import { describe, expect, it } from 'vitest'
import { runCli } from '../main'
import { EXIT } from '../exit-codes'
import type { CliIo } from '../output'
import { rulesEligibilityCommand } from './rules'

function captureIo(): CliIo & { stdout: string[]; stderr: string[] } {
  const stdout: string[] = []
  const stderr: string[] = []
  return { stdout, stderr, out: (t) => stdout.push(t), err: (t) => stderr.push(t) }
}

async function run(argv: string[]) {
  const io = captureIo()
  const code = await runCli(argv, { io, env: {} })
  return { code, stdout: io.stdout.join('\n'), stderr: io.stderr }
}

const CHILD = ['--birth', '2016-03-15', '--nationality', 'vn', '--document', 'id-card']

describe('kiosk rules eligibility', () => {
  it('prints the decision as JSON with --json', async () => {
    const result = await run(['rules', 'eligibility', ...CHILD, '--on', '2026-12-03', '--json'])
    expect(result.code, result.stderr.join('\n')).toBe(EXIT.OK)
    expect(JSON.parse(result.stdout)).toEqual({
      level1: 'on-request',
      level2: 'on-request',
      guardianRequired: true,
      age: 10,
      ageApproximate: false,
      reason: { code: 'citizen-6-to-14', params: { age: 10 } },
      input: {
        on: '2026-12-03',
        birth: '2016-03-15',
        nationality: 'vn',
        document: 'id-card',
        applicant: 'person',
      },
    })
  })

  it('prints a bilingual report that explains a refusal and what to do next', async () => {
    const argv = ['rules', 'eligibility', '--birth', '2023-01-10', '--nationality', 'vn']
    const result = await run([...argv, '--document', 'id-card', '--on', '2026-12-03'])
    expect(result.code).toBe(EXIT.OK)
    expect(result.stdout).toMatch(/^Mức độ 2 \/ Level 2 +không cấp \/ refused$/m)
    expect(result.stdout).toMatch(/^Mức độ 1 \/ Level 1 +cấp khi có yêu cầu \/ on request$/m)
    expect(result.stdout).toContain('Trẻ dưới 6 tuổi (3 tuổi) chỉ được cấp tài khoản mức độ 1')
    expect(result.stdout).toContain('in their own VNeID app')
  })

  it('marks an age read from a date with unknown parts as approximate', async () => {
    const argv = ['rules', 'eligibility', '--birth', '2012-00-00', '--nationality', 'vn']
    const result = await run([...argv, '--document', 'id-card', '--on', '2026-12-03'])
    expect(result.stdout).toMatch(/^Tuổi \/ Age +13 \(ước tính \/ approximate\)$/m)
    expect(result.stdout).toContain('the age is counted from the latest possible date')
  })

  it('judges on today in Asia/Ho_Chi_Minh when --on is not given', () => {
    const at = (instant: string) => {
      const io = captureIo()
      const birth = ['--birth', '2012-12-04', '--nationality', 'vn', '--document', 'id-card']
      rulesEligibilityCommand([...birth, '--json'], io, () => new Date(instant))
      return JSON.parse(io.stdout.join('')) as { level2: string; input: { on: string } }
    }
    // 16:59 UTC on the 3rd is still the 3rd in Hà Nội; 17:00 UTC is the 4th, the 14th birthday.
    expect(at('2026-12-03T16:59:00Z')).toMatchObject({
      level2: 'on-request',
      input: { on: '2026-12-03' },
    })
    expect(at('2026-12-03T17:00:00Z')).toMatchObject({
      level2: 'granted',
      input: { on: '2026-12-04' },
    })
  })

  it('says an organisation is not enrolled at this desk', async () => {
    const argv = ['rules', 'eligibility', '--birth', '1990-01-01', '--nationality', 'vn']
    const result = await run([...argv, '--document', 'none', '--applicant', 'organisation'])
    expect(result.code).toBe(EXIT.OK)
    expect(result.stdout).toContain('are not registered at this desk')
  })

  it.each([
    [['--nationality', 'vn', '--document', 'cccd'], /Thiếu tham số --birth \/ Missing --birth$/],
    [
      ['--birth', '2010-13-01', '--nationality', 'vn', '--document', 'cccd'],
      /Invalid date of birth.*: 2010-13-01$/,
    ],
    [
      ['--birth', '2010-01-01', '--nationality', 'fr', '--document', 'cccd'],
      /Invalid --nationality, use one of: vn\|foreign: fr$/,
    ],
    [['--birth', '2010-01-01', '--nationality', 'vn'], /Missing --document$/],
    [[...CHILD, '--on', 'tomorrow'], /Invalid --on date, use YYYY-MM-DD: tomorrow$/],
    [[...CHILD, '--brith', '2010-01-01'], /Invalid arguments: .*--brith/],
    [[...CHILD, 'extra'], /This command takes no operands: extra$/],
  ])('%j is a usage error: one bilingual line, then the usage', async (flags, message) => {
    const result = await run(['rules', 'eligibility', ...flags])
    expect(result.code).toBe(EXIT.USAGE)
    expect(result.stderr).toHaveLength(2)
    expect(result.stderr[0]).toMatch(message)
    expect(result.stderr[1]).toContain('kiosk rules eligibility --birth YYYY-MM-DD')
  })
})

describe('kiosk rules phone', () => {
  it('prints { valid, e164, network } with --json', async () => {
    const result = await run(['rules', 'phone', '+84 91 234 5678', '--json'])
    expect(result.code).toBe(EXIT.OK)
    expect(JSON.parse(result.stdout)).toEqual({
      valid: true,
      e164: '+84912345678',
      national: '0912345678',
      network: 'vinaphone',
    })
  })

  it('takes an unquoted number in several words', async () => {
    const result = await run(['rules', 'phone', '098', '123', '4567'])
    expect(result.code).toBe(EXIT.OK)
    expect(result.stdout).toMatch(
      /^Dạng quốc tế \(E\.164\) \/ International \(E\.164\) +\+84981234567$/m,
    )
    expect(result.stdout).toMatch(/^Nhà mạng \/ Network +Viettel$/m)
  })

  it('refuses an old 11-digit number with the new one to use, exit 1', async () => {
    const json = await run(['rules', 'phone', '01639123456', '--json'])
    expect(json.code).toBe(EXIT.FAILED)
    expect(JSON.parse(json.stdout)).toEqual({
      valid: false,
      e164: null,
      network: null,
      reason: 'old-number',
      params: { suggestion: '0339123456' },
    })
    const text = await run(['rules', 'phone', '01639123456'])
    expect(text.stdout).toMatch(/^Hợp lệ \/ Valid +không \/ no$/m)
    expect(text.stdout).toContain('Dùng số mới: 0339123456.')
    expect(text.stdout).toContain('Use the new number: 0339123456.')
  })

  it('without a number is a usage error', async () => {
    const result = await run(['rules', 'phone', '--json'])
    expect(result.code).toBe(EXIT.USAGE)
    expect(result.stderr[0]).toMatch(/Give the phone number to check$/)
    expect(result.stderr[1]).toContain('kiosk rules phone NUMBER [--json]')
  })

  it('is listed under its group', async () => {
    const result = await run(['rules'])
    expect(result.code).toBe(EXIT.USAGE)
    expect(result.stdout).toContain('kiosk rules eligibility')
    expect(result.stdout).toContain('kiosk rules phone NUMBER')
  })
})
