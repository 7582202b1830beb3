import { spawn } from 'node:child_process'
import { EventEmitter } from 'node:events'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { apiPaths } from '../../protocol'
import { EXIT } from './exit-codes'
import { guardKioskProcess } from './main'
import type { CliIo } from './output'
import { PROJECT_ROOT } from './paths'

const silentLog = { error: () => {} }

function captureIo(): CliIo & { stderr: string[] } {
  const stderr: string[] = []
  return { stderr, out: () => {}, err: (t) => stderr.push(t) }
}

describe('the kiosk process guard', () => {
  it('makes a one-shot command exit FAILED with one bilingual line after a stray fault', () => {
    const target = new EventEmitter()
    const io = captureIo()
    const exits: number[] = []
    guardKioskProcess(['card', 'qr', 'x'], {
      target,
      io,
      log: silentLog,
      exit: (c) => exits.push(c),
    })
    target.emit('unhandledRejection', new Error('late'))
    expect(exits).toEqual([EXIT.FAILED])
    expect(io.stderr).toEqual(['Lỗi không mong đợi / Unexpected error: Error: late'])
  })

  it.each([['host'], ['upstream', 'serve'], ['sim', 'card']])(
    'lets `kiosk %s` log and keep serving',
    (...argv) => {
      const target = new EventEmitter()
      const io = captureIo()
      const logged: string[] = []
      const exits: number[] = []
      guardKioskProcess(argv, {
        target,
        io,
        log: { error: (message) => logged.push(message) },
        exit: (c) => exits.push(c),
      })
      target.emit('uncaughtException', new Error('in a timer'))
      target.emit('unhandledRejection', new Error('nobody awaited'))
      expect(logged).toEqual(['uncaught exception', 'unhandled promise rejection'])
      expect(exits).toEqual([])
      expect(io.stderr).toEqual([])
    },
  )

  describe('in a real process', () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'kiosk-guard-'))
    afterAll(() => rmSync(dataDir, { recursive: true, force: true }))

    it('`kiosk upstream serve` answers after an unhandled rejection and an uncaught exception', async () => {
      const fixture = join(PROJECT_ROOT, 'electron', 'cli', 'planted-faults.fixture.ts')
      const child = spawn(
        process.execPath,
        ['--import', 'tsx', fixture, 'upstream', 'serve', '--data', dataDir, '--port', '0'],
        { cwd: PROJECT_ROOT, stdio: ['pipe', 'pipe', 'pipe'] },
      )
      let stdout = ''
      let stderr = ''
      child.stdout.on('data', (c: Buffer) => (stdout += c.toString()))
      child.stderr.on('data', (c: Buffer) => (stderr += c.toString()))
      const exited = new Promise<number | null>((resolve) => child.on('close', resolve))
      try {
        const url = () => /Upstream: (http:\/\/127\.0\.0\.1:\d+)/.exec(stdout)?.[1]
        await expect.poll(url, { timeout: 45_000, interval: 100 }).toBeDefined()
        child.stdin.write('plant\n')
        await expect
          .poll(() => stderr, { timeout: 10_000, interval: 50 })
          .toContain('planted exception')
        expect(stderr).toMatch(/"message":"unhandled promise rejection".*planted rejection/)
        expect(stderr).toMatch(/"message":"uncaught exception".*planted exception/)
        const info = await fetch(`${url()}${apiPaths.info()}`)
        expect(info.status).toBe(200)
      } finally {
        child.kill('SIGTERM')
      }
      expect(await exited).toBe(EXIT.OK)
    }, 60_000)
  })
})
