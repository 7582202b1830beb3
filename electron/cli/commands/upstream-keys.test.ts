import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import {
  parseRegistrationCode,
  upstreamKeysFingerprint,
  UpstreamPublicKeysSchema,
} from '../../../protocol'
import { parse } from '../../../lib/schema'
import { runCli } from '../main'
import type { CliIo } from '../output'
import { EXIT } from '../exit-codes'

const root = mkdtempSync(join(tmpdir(), 'kiosk-upstream-keys-'))
afterAll(() => rmSync(root, { recursive: true, force: true }))

function captureIo(): CliIo & { stdout: string[]; stderr: string[] } {
  const stdout: string[] = []
  const stderr: string[] = []
  return { stdout, stderr, out: (t) => stdout.push(t), err: (t) => stderr.push(t) }
}

/** Serves until the URL line is printed, then stops; the captured output and the exit code. */
async function serveOnce(argv: string[], env: NodeJS.ProcessEnv = {}) {
  const io = captureIo()
  let stop = () => {}
  const stopSignal = new Promise<void>((resolve) => (stop = resolve))
  let exited = false
  const running = runCli(['upstream', 'serve', '--port', '0', ...argv], { io, env, stopSignal })
  void running.finally(() => (exited = true))
  // Serving prints five lines; a refusal ends the command first.
  await expect.poll(() => exited || io.stdout.length >= 5, { timeout: 10_000 }).toBe(true)
  stop()
  return { io, code: await running }
}

describe('kiosk upstream --keys', () => {
  const dataDir = join(root, 'data')
  const keysDir = join(root, 'secret-keys')

  it('serves with the private keys in their own folder, and says where they are', async () => {
    const { io, code } = await serveOnce(['--data', dataDir, '--keys', keysDir])
    expect(code).toBe(0)
    expect(io.stdout.join('\n')).toContain(`Private keys: ${keysDir}`)
    expect(io.stderr.join('\n')).not.toContain('inside the data directory')
    expect(existsSync(join(dataDir, 'keys'))).toBe(false)
    expect(statSync(join(keysDir, 'encryption.pkcs8')).mode & 0o077).toBe(0)
  })

  it('invites and prints the public keys with the keys folder from the environment', async () => {
    const env = { KIOSK_UPSTREAM_KEYS_DIR: keysDir }
    const invite = captureIo()
    expect(await runCli(['upstream', 'invite', '--data', dataDir], { io: invite, env })).toBe(0)
    const pubkey = captureIo()
    expect(await runCli(['upstream', 'pubkey', '--data', dataDir], { io: pubkey, env })).toBe(0)
    const keys = parse(UpstreamPublicKeysSchema, JSON.parse(pubkey.stdout.join('')))
    const code = parseRegistrationCode(invite.stdout[0]!)
    if (!code.ok) throw new Error(code.problem)
    expect(code.code.fingerprint).toBe(upstreamKeysFingerprint(keys))
  })

  it('refuses to start without the keys folder, creates nothing, and names the next action', async () => {
    const { io, code } = await serveOnce(['--data', dataDir])
    expect(code).toBe(EXIT.FAILED)
    expect(io.stderr.join('\n')).toMatch(/private keys are not in .*--keys DIR/)
    expect(io.stderr.join('\n')).toMatch(/Khóa bí mật của máy chủ tiếp nhận không có/)
    expect(existsSync(join(dataDir, 'keys'))).toBe(false)
    const invite = captureIo()
    expect(await runCli(['upstream', 'invite', '--data', dataDir], { io: invite, env: {} })).toBe(
      EXIT.FAILED,
    )
  })

  it("refuses another upstream's keys folder", async () => {
    const other = join(root, 'other-data')
    await serveOnce(['--data', other])
    const { io, code } = await serveOnce(['--data', dataDir, '--keys', join(other, 'keys')])
    expect(code).toBe(EXIT.FAILED)
    expect(io.stderr.join('\n')).toMatch(/are not this upstream's/)
  })

  it('warns when the keys are left inside the data directory', async () => {
    const { io, code } = await serveOnce(['--data', join(root, 'default-layout')])
    expect(code).toBe(0)
    expect(io.stderr.join('\n')).toMatch(/private keys are inside the data directory/)
    expect(io.stderr.join('\n')).toMatch(/khóa bí mật nằm trong thư mục dữ liệu/)
  })
})
