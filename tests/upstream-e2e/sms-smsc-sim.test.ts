import { spawn, type ChildProcess } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { PROJECT_ROOT } from '../../electron/cli/paths'
import { runKioskBin } from '../../electron/cli/run-bin'
import { apiPaths, parseRegistrationCode, publicKeyToBase64, signRequest } from '../../protocol'
import { buildPacket, publicKeyFromBase64 } from '../../protocol/packet'
import { seededRandom } from '../../protocol/packet/test-fixtures'
import { approvalSms, readUpstreamPublicKeys } from '../../upstream/server'
import { sampleInput, testTerminal } from '../../upstream/server/test-support'
import { useTestUpstreamDatabases } from '../support/upstream-backend'

const databases = useTestUpstreamDatabases()
const upstreamEnv: NodeJS.ProcessEnv = {}

// `kiosk upstream smsc-sim` and `kiosk upstream serve --smsc …` as an operator runs them: two
// processes from bin/kiosk.js, talking SMPP over loopback. A file is uploaded and approved over
// HTTP; the approval SMS must show up in the simulator's --out file. Both stop on a signal.
const FILE_ID = '77777777-7777-4777-8777-777777777777'
const NAME = 'TRẦN THỊ BÌNH'
const WAIT_MS = 45_000
const dir = mkdtempSync(join(tmpdir(), 'e2e-smsc-sim-'))
const dataDir = join(dir, 'upstream')
const outFile = join(dir, 'sms.jsonl')
const passwordFile = join(dir, 'smpp-password')
const reviewerPasswordFile = join(dir, 'reviewer-password')
const REVIEWER_PASSWORD = 'Duyệt-hồ-sơ-2026'
const terminal = testTerminal('terminal-sms')

interface Running {
  child: ChildProcess
  stdout: () => string
  stderr: () => string
  /** Resolves with stdout once `pattern` matches it; rejects when the process ends or time is up. */
  printed(pattern: RegExp): Promise<RegExpExecArray>
  exited: Promise<number | null>
}

function kiosk(args: string[]): Running {
  const child = spawn(process.execPath, [join(PROJECT_ROOT, 'bin', 'kiosk.js'), ...args], {
    cwd: PROJECT_ROOT,
    env: { ...process.env, ...upstreamEnv },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let stdout = ''
  let stderr = ''
  child.stdout?.on('data', (c: Buffer) => (stdout += c.toString()))
  child.stderr?.on('data', (c: Buffer) => (stderr += c.toString()))
  const exited = new Promise<number | null>((resolve) => child.on('close', resolve))
  const printed = (pattern: RegExp) =>
    new Promise<RegExpExecArray>((resolve, reject) => {
      const check = () => {
        const match = pattern.exec(stdout)
        if (!match) return
        clearTimeout(timer)
        child.stdout?.off('data', check)
        resolve(match)
      }
      const timer = setTimeout(
        () => reject(new Error(`no ${pattern} in ${WAIT_MS} ms:\n${stdout}\n${stderr}`)),
        WAIT_MS,
      )
      child.stdout?.on('data', check)
      void exited.then(() => reject(new Error(`ended before ${pattern}:\n${stdout}\n${stderr}`)))
      check()
    })
  return { child, stdout: () => stdout, stderr: () => stderr, printed, exited }
}

let smsc: Running
let serve: Running
let upstreamUrl: string
let reviewToken: string

/** A request signed as the test terminal, over HTTP to the serving process. */
function signed(method: 'POST' | 'PUT', path: string, body: Buffer, type: string) {
  const keys = readUpstreamPublicKeys(dataDir)
  if (!keys) throw new Error('no upstream keys')
  const headers = signRequest(
    { method, path, body },
    {
      terminalId: terminal.terminalId,
      privateKey: terminal.keys.privateKey,
      upstreamId: keys.upstreamId,
    },
    { now: () => new Date(), randomBytes },
  )
  return fetch(`${upstreamUrl}${path}`, {
    method,
    headers: { ...headers, 'content-type': type },
    body: new Uint8Array(body),
  })
}

const json = (value: unknown) => Buffer.from(JSON.stringify(value))

async function registerAndUpload(): Promise<void> {
  const invite = await runKioskBin(['upstream', 'invite', '--data', dataDir], upstreamEnv)
  const parsed = parseRegistrationCode(invite.stdout.trim())
  if (!parsed.ok) throw new Error(`no registration code: ${invite.stdout}${invite.stderr}`)
  const register = await signed(
    'POST',
    apiPaths.register(),
    json({
      code: parsed.code.invite,
      terminalId: terminal.terminalId,
      publicKey: publicKeyToBase64(terminal.keys.publicKey),
    }),
    'application/json',
  )
  expect(register.status, await register.clone().text()).toBe(200)
  const keys = readUpstreamPublicKeys(dataDir)
  if (!keys) throw new Error('no upstream keys')
  const contact = json({ phone: '0987654321', name: NAME })
  const input = sampleInput(terminal, FILE_ID, { simulated: false })
  const parts = input.parts.map((p) => (p.name === 'contact' ? { ...p, data: contact } : p))
  const file = buildPacket(
    { ...input, parts },
    {
      terminalPrivateKey: terminal.keys.privateKey,
      terminalPublicKey: terminal.keys.publicKey,
      upstreamPublicKey: publicKeyFromBase64(keys.encryption.publicKey),
    },
    seededRandom(`file:${FILE_ID}`),
  )
  const { sha256, size } = file
  const announce = json({ fileId: FILE_ID, sha256, size })
  expect((await signed('POST', apiPaths.announce(), announce, 'application/json')).status).toBe(200)
  const chunk = await signed(
    'PUT',
    apiPaths.chunk(FILE_ID, 0),
    file.body,
    'application/octet-stream',
  )
  expect(chunk.status).toBe(200)
  const complete = await signed('POST', apiPaths.complete(FILE_ID), json({}), 'application/json')
  expect(complete.status, await complete.clone().text()).toBe(200)
}

function review(method: 'GET' | 'POST', path: string, body?: unknown) {
  return fetch(`${upstreamUrl}/review/api${path}`, {
    method,
    headers: {
      authorization: `Bearer ${reviewToken}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  })
}

/** A senior reviewer made by `kiosk upstream reviewer add`, signed in over HTTP: the session token. */
async function signInReviewer(): Promise<string> {
  const signedIn = await fetch(`${upstreamUrl}/review/api/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'hoa', password: REVIEWER_PASSWORD }),
  })
  const body = (await signedIn.json()) as { token?: string }
  if (!body.token) throw new Error(`sign-in refused: ${JSON.stringify(body)}`)
  return body.token
}

beforeAll(async () => {
  // Every kiosk process of the test opens the same database (PostgreSQL in the postgres project).
  const { database } = await databases.next()
  if (database) upstreamEnv.KIOSK_UPSTREAM_DB = database
  writeFileSync(passwordFile, 'Pw-2026\n', { mode: 0o600 })
  writeFileSync(reviewerPasswordFile, `${REVIEWER_PASSWORD}\n`, { mode: 0o600 })
  const added = await runKioskBin(
    [
      ...['upstream', 'reviewer', 'add', 'hoa', '--name', 'Lê Thị Hoa', '--role', 'senior'],
      ...['--password-file', reviewerPasswordFile, '--data', dataDir],
    ],
    upstreamEnv,
  )
  if (added.code !== 0) throw new Error(`reviewer add failed: ${added.stderr}`)
  const account = ['--system-id', 'vneid', '--password-file', passwordFile]
  smsc = kiosk(['upstream', 'smsc-sim', '--port', '0', '--out', outFile, ...account])
  const [, smscUrl] = await smsc.printed(/(smpp:\/\/127\.0\.0\.1:\d+)/)
  serve = kiosk([
    ...['upstream', 'serve', '--data', dataDir, '--port', '0', '--smsc', smscUrl ?? ''],
    ...['--smsc-system-id', 'vneid', '--smsc-password-file', passwordFile],
    ...['--sms-source', 'BoCongAn', '--sms-retention', '14'],
  ])
  const review = await serve.printed(/(http:\/\/127\.0\.0\.1:\d+)\/review\//)
  upstreamUrl = review[1] ?? ''
  await serve.printed(/numbers forgotten 14 days after delivery/)
  reviewToken = await signInReviewer()
}, 120_000)

afterAll(async () => {
  // Stopped by the PIDs this file started, whatever happened above.
  for (const running of [serve, smsc]) {
    const { pid, exitCode, signalCode } = running?.child ?? {}
    if (pid && exitCode === null && signalCode === null) process.kill(pid, 'SIGTERM')
  }
  await Promise.all([serve?.exited, smsc?.exited])
  rmSync(dir, { recursive: true, force: true })
})

describe('kiosk upstream serve --smsc with kiosk upstream smsc-sim, as processes', () => {
  it('delivers the approval SMS of a file approved through the review API', async () => {
    await registerAndUpload()
    const approved = await review('POST', `/files/${FILE_ID}/approve`, {})
    expect(approved.status, await approved.clone().text()).toBe(200)

    const text = approvalSms(NAME).vi
    await smsc.printed(/SMS to \+84987654321: /)
    const lines = readFileSync(outFile, 'utf8').trim().split('\n')
    expect(lines).toHaveLength(1)
    const received = JSON.parse(lines[0] ?? '{}') as Record<string, unknown>
    expect(received).toMatchObject({ to: '84987654321', from: 'BoCongAn', text })
    expect(smsc.stdout()).toContain(`+84987654321: ${text}`)

    // The receipts come back on the same link: the outbox row ends delivered.
    await expect
      .poll(
        async () => {
          const outbox = (await (await review('GET', '/outbox')).json()) as {
            messages: Array<{ fileId: string; status: string; phone: string }>
          }
          return outbox.messages.find((m) => m.fileId === FILE_ID)
        },
        { timeout: WAIT_MS, interval: 200 },
      )
      .toMatchObject({ status: 'delivered', phone: '098****321' })
  })

  it('stops both processes cleanly on SIGINT and SIGTERM', async () => {
    const pids = [smsc.child.pid, serve.child.pid]
    if (pids.some((pid) => pid === undefined)) throw new Error('not started')
    process.kill(smsc.child.pid ?? 0, 'SIGINT')
    process.kill(serve.child.pid ?? 0, 'SIGTERM')
    expect(await smsc.exited).toBe(0)
    expect(await serve.exited).toBe(0)
    expect(serve.stderr()).not.toMatch(/sms pass failed|uncaught|unhandled/)
  })
})
