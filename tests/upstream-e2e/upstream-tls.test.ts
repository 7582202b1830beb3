import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runCli } from '../../electron/cli/main'
import type { CliIo } from '../../electron/cli/output'
import { createCore, type Core } from '../../electron/core'
import { syntheticEnrollmentParts } from '../../electron/core/queue'
import { tempKioskConfig } from '../../electron/core/test-support'
import { makeTestCa, type TestCa } from '../support/test-ca'

// The reference upstream as an administrator runs it, `kiosk upstream serve --tls-cert --tls-key`,
// with a certificate from a CA made for this run; stations trust that CA through upstreamCaFile.
const cleanups: (() => Promise<void> | void)[] = []
let caA: TestCa
let caB: TestCa
let upstreamDir: string
let url: string
let stop = () => {}
let serving: Promise<number>

function captureIo(): CliIo & { stdout: string[]; stderr: string[] } {
  const stdout: string[] = []
  const stderr: string[] = []
  return { stdout, stderr, out: (t) => stdout.push(t), err: (t) => stderr.push(t) }
}

/** `kiosk upstream invite` against the running upstream's data directory. */
async function registrationCode(): Promise<string> {
  const io = captureIo()
  expect(await runCli(['upstream', 'invite', '--data', upstreamDir], { io, env: {} })).toBe(0)
  return io.stdout[0]!
}

async function station(caFile: string | undefined): Promise<Core> {
  const kiosk = tempKioskConfig({
    upstreamUrl: url,
    sync: { chunkSize: 16 * 1024 },
    ...(caFile ? { upstreamCaFile: caFile } : {}),
  })
  cleanups.push(kiosk.cleanup)
  const core = await createCore(kiosk.config, { shell: 'cli' })
  cleanups.push(() => core.close())
  return core
}

beforeAll(async () => {
  caA = makeTestCa('A')
  caB = makeTestCa('B')
  upstreamDir = mkdtempSync(join(tmpdir(), 'e2e-upstream-tls-'))
  const stopSignal = new Promise<void>((resolve) => (stop = resolve))
  const tls = ['--tls-cert', caA.serverCertFile, '--tls-key', caA.serverKeyFile]
  const printed: string[] = []
  let announced = (_url: string) => {}
  const urlPrinted = new Promise<string>((resolve) => (announced = resolve))
  const io: CliIo = {
    out: (text) => {
      printed.push(text)
      const found = /Upstream: (https:\/\/127\.0\.0\.1:\d+)/.exec(text)?.[1]
      if (found) announced(found)
    },
    err: (text) => printed.push(text),
  }
  serving = runCli(['upstream', 'serve', '--data', upstreamDir, '--port', '0', ...tls], {
    io,
    env: {},
    stopSignal,
  })
  // The URL once it listens, or the command's end (and what it printed) if it could not start.
  url = await Promise.race([
    urlPrinted,
    serving.then((exit) => {
      throw new Error(`upstream serve ended (${exit}): ${printed.join('\n')}`)
    }),
  ])
})

afterAll(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
  stop()
  expect(await serving).toBe(0)
  rmSync(upstreamDir, { recursive: true, force: true })
  caA.cleanup()
  caB.cleanup()
})

describe('the reference upstream serving TLS', () => {
  it('registers a station that trusts its CA, and syncs a file over https', async () => {
    const core = await station(caA.caFile)
    const registration = await core.queue.register(await registrationCode())
    expect(registration.upstreamUrl).toBe(url)
    const file = core.submit({
      officerId: 'officer-7',
      startedAt: new Date().toISOString(),
      parts: syntheticEnrollmentParts(randomBytes, 40 * 1024),
      simulated: true,
    })
    // Probe, announce, chunks, complete and the status feed: every answer verified, over TLS.
    expect(await core.queue.sync.runPass()).toMatchObject({
      online: true,
      sent: 1,
      failed: 0,
      stoppedBecause: null,
    })
    expect(core.queue.receipts.get(file.fileId)).toMatchObject({ sha256: file.sha256 })
  })

  it('refuses a certificate from another CA, or one the system store does not know', async () => {
    const code = await registrationCode()
    for (const caFile of [caB.caFile, undefined]) {
      const core = await station(caFile)
      await expect(core.queue.register(code)).rejects.toMatchObject({
        messageKey: 'messages.sync.untrustedCertificate',
        params: { url },
      })
      await expect(core.queue.register(code)).rejects.toThrow(/ \/ The upstream at https:/)
      expect(core.queue.freezeReason()?.code).toBe('not-registered')
    }
    // Nothing reached the upstream: the one-time invite in the code is still unused.
    const trusting = await station(caA.caFile)
    await expect(trusting.queue.register(code)).resolves.toMatchObject({ upstreamUrl: url })
  })

  it('needs both --tls-cert and --tls-key', async () => {
    const io = captureIo()
    const code = await runCli(
      ['upstream', 'serve', '--data', upstreamDir, '--port', '0', '--tls-cert', caA.caFile],
      { io, env: {} },
    )
    expect(code).not.toBe(0)
    expect(io.stderr.join('\n')).toMatch(/--tls-key/)
  })
})
