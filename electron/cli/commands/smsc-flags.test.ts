import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { EXIT } from '../exit-codes'
import { CliError } from '../output'
import { smscFlags } from './smsc-flags'

const dir = mkdtempSync(join(tmpdir(), 'smsc-flags-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

function file(name: string, text: string): string {
  const path = join(dir, name)
  writeFileSync(path, text)
  return path
}

const passwordFile = file('password', 's3cret!\n')
const base = {
  smsc: 'smpp://smsc.example.vn:2775',
  'smsc-system-id': 'vneid',
  'smsc-password-file': passwordFile,
  'sms-source': 'BoCongAn',
}

/** The usage error smscFlags throws for `values`, with its bilingual line. */
function refusal(values: Record<string, string>): CliError {
  try {
    smscFlags(values)
  } catch (error) {
    if (error instanceof CliError) return error
    throw error
  }
  throw new Error(`accepted ${JSON.stringify(values)}`)
}

describe('smscFlags', () => {
  it('is nothing without --smsc: the notices wait in the outbox', () => {
    expect(smscFlags({})).toBeUndefined()
  })

  it('reads the endpoint, the account and the password from its file, with the defaults', () => {
    expect(smscFlags(base)).toEqual({
      delivery: {
        endpoint: {
          host: 'smsc.example.vn',
          port: 2775,
          systemId: 'vneid',
          password: 's3cret!',
          sourceAddr: 'BoCongAn',
          tls: false,
        },
        ratePerSecond: 10,
        retentionMs: 30 * 86_400_000,
      },
      summary: {
        url: 'smpp://smsc.example.vn:2775',
        systemId: 'vneid',
        source: 'BoCongAn',
        rate: 10,
        retentionDays: 30,
      },
    })
  })

  it('takes smpps:// with a CA, an IPv6 host, a short code, a rate and a retention', () => {
    const ca = file('ca.pem', '-----BEGIN CERTIFICATE-----\n')
    const parsed = smscFlags({
      ...base,
      smsc: 'smpps://[::1]',
      'smsc-ca': ca,
      'sms-source': '+8419001234',
      'sms-rate': '2.5',
      'sms-retention': '0',
    })
    expect(parsed?.delivery).toMatchObject({
      endpoint: { host: '::1', port: 3550, tls: true, sourceAddr: '8419001234' },
      ratePerSecond: 2.5,
      retentionMs: 0,
    })
    expect(parsed?.delivery.endpoint.ca?.toString()).toContain('BEGIN CERTIFICATE')
    expect(parsed?.summary.url).toBe('smpps://[::1]:3550')
    expect(smscFlags({ ...base, smsc: 'smpp://10.0.0.5' })?.delivery.endpoint.port).toBe(2775)
  })

  it.each([
    [{ smsc: 'http://smsc:2775' }, 'smscUrl', /smpp:\/\/HOST:PORT or smpps:\/\//],
    [{ smsc: 'smsc.example.vn:2775' }, 'smscUrl', /not smsc\.example\.vn:2775/],
    [{ smsc: 'smpp://smsc:2775/path' }, 'smscUrl', /--smsc must be/],
    [{ smsc: 'smpp://vneid:pw@smsc:2775' }, 'smscCredentialsInUrl', /--smsc-password-file/],
    [{ 'smsc-system-id': undefined }, 'smscNeeds', /--smsc needs --smsc-system-id/],
    [{ 'smsc-system-id': 'a-system-id-too-long' }, 'smscSystemId', /1 to 15/],
    [{ 'smsc-password-file': undefined }, 'smscNeeds', /needs --smsc-password-file/],
    [{ 'smsc-password-file': join(dir, 'absent') }, 'smscPasswordFile', /password file/],
    [{ 'sms-source': undefined }, 'smscNeeds', /needs --sms-source/],
    [{ 'sms-source': 'Bo Cong An Viet Nam' }, 'smsSource', /up to 11 letters/],
    [{ 'sms-rate': '0' }, 'smsRate', /from 0.1 to 1000, not 0/],
    [{ 'sms-rate': 'fast' }, 'smsRate', /not fast/],
    [{ 'sms-retention': '1.5' }, 'smsRetention', /whole number of days/],
    [{ 'sms-retention': '-1' }, 'smsRetention', /not -1/],
    [{ 'smsc-ca': passwordFile }, 'smscCaNeedsTls', /only for smpps/],
  ])('refuses %j with %s', (change, code, english) => {
    const values = Object.fromEntries(
      Object.entries({ ...base, ...change }).filter(([, v]) => v !== undefined),
    ) as Record<string, string>
    const error = refusal(values)
    expect(error.code).toBe(`cli.errors.${code}`)
    expect(error.exitCode).toBe(EXIT.USAGE)
    expect(error.line).toMatch(english)
    expect(error.line).not.toContain('s3cret')
  })

  it('refuses an empty, two-line or over-long password without showing it', () => {
    for (const text of ['\n', 'abc\ndef\n', 'ninechars']) {
      const error = refusal({ ...base, 'smsc-password-file': file('bad-password', text) })
      expect(error.code).toBe('cli.errors.smscPassword')
      expect(error.line).toMatch(/Mật khẩu SMPP .* \/ The SMPP password .* 1 to 8/)
      expect(error.message).not.toContain('ninechars')
    }
  })

  it('refuses SMS flags given without --smsc, naming the flag', () => {
    const error = refusal({ 'sms-rate': '5' })
    expect(error.code).toBe('cli.errors.smsFlagWithoutSmsc')
    expect(error.line).toBe(
      '--sms-rate chỉ dùng cùng --smsc smpp://MÁY:CỔNG / --sms-rate is used only with --smsc smpp://HOST:PORT',
    )
  })
})
