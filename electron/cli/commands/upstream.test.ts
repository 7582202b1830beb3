import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import {
  apiPaths,
  parseRegistrationCode,
  upstreamKeysFingerprint,
  UpstreamInfoSchema,
  UpstreamPublicKeysSchema,
} from '../../../protocol'
import { runCli } from '../main'
import type { CliIo } from '../output'
import { runKioskBin } from '../run-bin'
import { EXIT } from '../exit-codes'
import { parse } from '../../../lib/schema'

const dataDir = mkdtempSync(join(tmpdir(), 'kiosk-upstream-cli-'))
afterAll(() => rmSync(dataDir, { recursive: true, force: true }))

function captureIo(): CliIo & { stdout: string[]; stderr: string[] } {
  const stdout: string[] = []
  const stderr: string[] = []
  return { stdout, stderr, out: (t) => stdout.push(t), err: (t) => stderr.push(t) }
}

describe('kiosk upstream', () => {
  it('serves on loopback until stopped, printing its URL, review page and key file', async () => {
    const io = captureIo()
    let stop = () => {}
    const stopSignal = new Promise<void>((resolve) => (stop = resolve))
    const running = runCli(['upstream', 'serve', '--data', dataDir, '--port', '0'], {
      io,
      env: {},
      stopSignal,
    })
    await expect.poll(() => io.stdout.length, { timeout: 10_000 }).toBeGreaterThanOrEqual(4)
    const url = /Upstream: (http:\/\/127\.0\.0\.1:\d+)/.exec(io.stdout.join('\n'))?.[1]
    expect(url).toBeDefined()
    const info = parse(UpstreamInfoSchema, await (await fetch(`${url}${apiPaths.info()}`)).json())
    expect(info.training).toBe(false)
    // No shared token outside training: reviewers sign in with their own accounts.
    expect(io.stdout.join('\n')).toContain(`Review page: ${url}/review/\n`)
    expect(io.stdout.join('\n')).not.toContain('#token=')
    expect(io.stdout.join('\n')).toContain('kiosk upstream reviewer add')
    const keyFile = join(dataDir, 'upstream-public.json')
    expect(io.stdout.join('\n')).toContain(keyFile)
    expect(io.stdout.join('\n')).toContain('approval and rejection notices wait in the outbox')
    expect(parse(UpstreamPublicKeysSchema, JSON.parse(readFileSync(keyFile, 'utf8')))).toEqual(
      info.keys,
    )
    stop()
    expect(await running).toBe(0)
    await expect(fetch(`${url}${apiPaths.info()}`)).rejects.toThrow()
  })

  it('prints a fresh registration code per invite, fingerprinting the same public keys', async () => {
    const invites = new Set<string>()
    const fingerprints = new Set<string | null>()
    for (let i = 0; i < 3; i++) {
      const io = captureIo()
      expect(await runCli(['upstream', 'invite', '--data', dataDir], { io, env: {} })).toBe(0)
      expect(io.stdout[0]).toMatch(/^[0-9A-Z]{7}(-[0-9A-Z]{7}){6}$/)
      const parsed = parseRegistrationCode(io.stdout[0]!)
      if (!parsed.ok) throw new Error(parsed.problem)
      invites.add(parsed.code.invite)
      fingerprints.add(parsed.code.fingerprint)
    }
    expect(invites.size).toBe(3)
    const a = captureIo()
    const b = captureIo()
    await runCli(['upstream', 'pubkey', '--data', dataDir], { io: a, env: {} })
    await runCli(['upstream', 'pubkey'], { io: b, env: { KIOSK_UPSTREAM_DATA_DIR: dataDir } })
    const keys = parse(UpstreamPublicKeysSchema, JSON.parse(a.stdout.join('')))
    expect(keys).toEqual(JSON.parse(b.stdout.join('')))
    expect([...fingerprints]).toEqual([upstreamKeysFingerprint(keys)])
  })

  it('reports stats as JSON through the real bin, and refuses a folder with no upstream', async () => {
    const result = await runKioskBin(['upstream', 'stats', '--data', dataDir, '--json'])
    expect(result.code, result.stderr).toBe(0)
    expect(JSON.parse(result.stdout)).toEqual({
      received: 0,
      approved: 0,
      rejected: 0,
      duplicates: 0,
      auditFlags: 0,
    })
    const io = captureIo()
    const empty = join(dataDir, 'nothing-here')
    expect(await runCli(['upstream', 'stats', '--data', empty], { io, env: {} })).toBe(1)
    expect(io.stderr.join('')).toContain('No upstream data here')
  }, 30_000)

  it('refuses unknown subcommands, bad ports and an import without media', async () => {
    const io = captureIo()
    expect(await runCli(['upstream', 'explode'], { io, env: {} })).toBe(EXIT.USAGE)
    expect(
      await runCli(['upstream', 'serve', '--port', '70000', '--data', dataDir], { io, env: {} }),
    ).toBe(EXIT.USAGE)
    expect(await runCli(['upstream', 'import', '--data', dataDir], { io, env: {} })).toBe(
      EXIT.USAGE,
    )
    expect(
      await runCli(['upstream', 'import', join(dataDir, 'no-media'), '--data', dataDir], {
        io,
        env: {},
      }),
    ).toBe(1)
    expect(io.stderr.join('\n')).toMatch(/upstream has no such subcommand: explode/)
    expect(io.stderr.join('\n')).toMatch(/Invalid port/)
    expect(io.stderr.join('\n')).toMatch(/Import refused/)
    const sms = captureIo()
    const smsFlagAlone = ['upstream', 'serve', '--data', dataDir, '--sms-retention', '7']
    expect(await runCli(smsFlagAlone, { io: sms, env: {} })).toBe(EXIT.USAGE)
    expect(sms.stderr.join('\n')).toMatch(/--sms-retention is used only with --smsc/)
  })
})
