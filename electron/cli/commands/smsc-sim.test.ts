import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { systemClock } from '../../../lib/clock'
import { backoffDelayMs, createSmsSender } from '../../../upstream/sms/sms-sender'
import { openSmscSession } from '../../../upstream/sms/smsc-session'
import { memoryQueue } from '../../../upstream/sms/test-support'
import { EXIT } from '../exit-codes'
import { runCli } from '../main'
import type { CliIo } from '../output'

const dir = mkdtempSync(join(tmpdir(), 'smsc-sim-cli-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

function captureIo(): CliIo & { stdout: string[]; stderr: string[]; printed: Promise<string> } {
  const stdout: string[] = []
  const stderr: string[] = []
  let announce = (_url: string) => {}
  const printed = new Promise<string>((resolve) => (announce = resolve))
  return {
    stdout,
    stderr,
    printed,
    out: (t) => {
      stdout.push(t)
      const url = /smpp:\/\/127\.0\.0\.1:(\d+)/.exec(t)?.[1]
      if (url) announce(url)
    },
    err: (t) => stderr.push(t),
  }
}

describe('kiosk upstream smsc-sim', () => {
  it('prints its URL and each message, appends it to --out, and fails the share asked for', async () => {
    const out = join(dir, 'sms.jsonl')
    const passwordFile = join(dir, 'made-password')
    const io = captureIo()
    let stop = () => {}
    const stopSignal = new Promise<void>((resolve) => (stop = resolve))
    const args = ['--port', '0', '--out', out, '--password-file', passwordFile, '--fail', '1']
    const running = runCli(['upstream', 'smsc-sim', ...args], { io, env: {}, stopSignal })
    const port = Number(await io.printed)
    // The password file did not exist: the simulator made one, and binds need that password.
    const password = readFileSync(passwordFile, 'utf8').trim()
    expect(password).toMatch(/^[\w-]{8}$/)
    expect(io.stdout.join('\n')).toContain(`system_id training, password in ${passwordFile}`)

    const at = new Date('2026-12-02T08:00:00Z')
    const queue = memoryQueue([{ id: 1, phone: '0912345678', text: 'Ma OTP 1' }], at)
    const sender = createSmsSender({
      queue,
      connect: () =>
        openSmscSession(
          { host: '127.0.0.1', port, systemId: 'training', password, sourceAddr: 'BoCongAn' },
          systemClock,
        ),
      clock: systemClock,
      now: () => at,
      ...{ ratePerSecond: 1000, maxAttempts: 3, retryDelayMs: backoffDelayMs },
      ...{ throttlePauseMs: 1, maxThrottleRetries: 2, log: () => undefined },
    })
    expect(await sender.drain()).toMatchObject({ submitted: 1 })
    await queue.receiptCount(1)
    expect(queue.receipts[0]?.state).toBe('undeliverable')
    await sender.close()

    expect(io.stdout).toContain('Tin nhắn tới / SMS to +84912345678: Ma OTP 1')
    const lines = readFileSync(out, 'utf8').trim().split('\n')
    expect(lines.map((l) => JSON.parse(l) as unknown)).toEqual([
      {
        at: expect.any(String),
        to: '84912345678',
        from: 'BoCongAn',
        text: 'Ma OTP 1',
        messageIds: [queue.notices.get(1)?.messageIds[0]],
      },
    ])
    stop()
    expect(await running).toBe(0)
  })

  it.each([
    [['--fail', '2'], /--fail must be a share from 0 to 1, not 2/],
    [['--throttle', 'half'], /--throttle must be a share from 0 to 1, not half/],
    [['--port', '99999'], /Invalid port/],
    [['--out', join(dir, 'no', 'such', 'dir.jsonl')], /Cannot write the messages file/],
  ])('refuses %j as a usage error', async (args, message) => {
    const io = captureIo()
    expect(await runCli(['upstream', 'smsc-sim', ...args], { io, env: {} })).toBe(EXIT.USAGE)
    expect(io.stderr.join('\n')).toMatch(message)
  })
})
