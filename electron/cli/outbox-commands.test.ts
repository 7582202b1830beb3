import { mkdtempSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { tempKioskConfig } from '../core/test-support'
import { runCli } from './main'
import type { CliIo } from './output'
import { EXIT } from './exit-codes'

const temp = tempKioskConfig()
const media = mkdtempSync(join(tmpdir(), 'kiosk-media-'))
afterAll(() => {
  temp.cleanup()
  rmSync(media, { recursive: true, force: true })
})

function captureIo(): CliIo & { stdout: string[]; stderr: string[] } {
  const stdout: string[] = []
  const stderr: string[] = []
  return { stdout, stderr, out: (t) => stdout.push(t), err: (t) => stderr.push(t) }
}

const data = ['--data-dir', temp.config.dataDir]
const never = new Promise<void>(() => {})

async function run(argv: string[]) {
  const io = captureIo()
  const code = await runCli([...argv, ...data], { io, env: {}, stopSignal: never })
  return { code, out: io.stdout.join('\n'), err: io.stderr.join('\n') }
}

describe('outbox commands on a station with no upstream URL (training upstream)', () => {
  it('sim enroll registers with the training upstream and submits through the real path', async () => {
    const result = await run(['sim', 'enroll', '--count', '2', '--placeholders', '--size', '8192'])
    // No officer signs in against the training upstream: the files name the training officer.
    expect(result.err.trim()).toBe(
      'Máy chủ huấn luyện: hồ sơ ghi cán bộ huấn luyện "training-officer" / Training upstream: files name the training officer "training-officer"',
    )
    expect(result.code).toBe(0)
    expect(result.out.match(/^submitted [0-9a-f-]{36} \d+$/gm)).toHaveLength(2)
  })

  it('queue ls shows the queued files as JSON', async () => {
    const result = await run(['queue', 'ls', '--json'])
    expect(result.code).toBe(0)
    const listing = JSON.parse(result.out) as {
      status: { counts: { queued: number }; terminal: { registered: boolean }; freeze: null }
      items: { state: string; simulated: boolean }[]
    }
    expect(listing.status.counts.queued).toBe(2)
    expect(listing.status.terminal.registered).toBe(true)
    expect(listing.status.freeze).toBeNull()
    expect(listing.items.map((i) => [i.state, i.simulated])).toEqual([
      ['queued', true],
      ['queued', true],
    ])
  })

  it('queue export writes the queued files to the media folder', async () => {
    const result = await run(['queue', 'export', media])
    expect(result.code).toBe(0)
    expect(result.out).toMatch(/Exported 2 files/)
    const [folder] = readdirSync(media)
    expect(readdirSync(join(media, folder!, 'files'))).toHaveLength(2)
  })

  it('sync run --until-empty delivers them and reports the pass', async () => {
    const result = await run(['sync', 'run', '--until-empty'])
    expect(result.code).toBe(0)
    expect(result.out).toMatch(/Sync pass \(online\): 2 sent, 0 failed/)
    expect(result.out).toMatch(/Left: 0 queued, 0 dead, 2 sent/)
    const listing = await run(['queue', 'ls'])
    expect(listing.out).toMatch(/0 queued, 2 sent, 0 dead \(upstream: 2 received/)
  })

  it('queue retry of a file that is not dead-lettered says so, with its state', async () => {
    const listing = await run(['queue', 'ls', '--json'])
    const { items } = JSON.parse(listing.out) as { items: { fileId: string }[] }
    const result = await run(['queue', 'retry', items[0]!.fileId])
    expect(result.code).toBe(EXIT.FAILED)
    expect(result.err).toMatch(/is not dead-lettered \(it is (queued|sent)\)/)
  })

  it.each([
    [['terminal', 'register', 'ABCD-EFGH'], /No upstream is configured/, EXIT.FAILED],
    [
      ['queue', 'retry', '8a6e0804-2bd0-4672-b79a-4d4a1e0e1f40'],
      /There is no file 8a6e0804-2bd0-4672-b79a-4d4a1e0e1f40 in the queue/,
      EXIT.NOT_FOUND,
    ],
    [['queue', 'ls', '--state', 'lost'], /Invalid state: lost/, EXIT.USAGE],
    [['sim', 'enroll', '--count', '0'], /Invalid count/, EXIT.USAGE],
    [['sim', 'enroll', '--size', '8192'], /--size needs --placeholders/, EXIT.USAGE],
    [['sim', 'enroll', '--scenario', 'nope'], /Unknown scenario: nope/, EXIT.USAGE],
    [['sync', 'go'], /sync has no such subcommand: go/, EXIT.USAGE],
  ])('%j fails with one bilingual line', async (argv, message, exitCode) => {
    const result = await run(argv)
    expect(result.code).toBe(exitCode)
    expect(result.err).toMatch(/^[^/]+ \/ /)
    expect(result.err.split('\n')[0]).toMatch(message)
  })
})

describe('a training upstream whose data was reset', () => {
  it('is registered with again on the next start', async () => {
    const station = tempKioskConfig()
    const dir = ['--data-dir', station.config.dataDir]
    const upstreamId = async () => {
      const io = captureIo()
      await runCli(['queue', 'ls', '--json', ...dir], { io, env: {} })
      const { status } = JSON.parse(io.stdout.join('')) as {
        status: { counts: { queued: number }; terminal: { upstreamId: string } }
      }
      return { id: status.terminal.upstreamId, queued: status.counts.queued }
    }
    try {
      const enroll = ['sim', 'enroll', '--count', '1', '--placeholders', '--size', '4096', ...dir]
      expect(await runCli(enroll, { io: captureIo(), env: {}, stopSignal: never })).toBe(0)
      const before = await upstreamId()
      rmSync(join(station.config.dataDir, 'training-upstream'), { recursive: true, force: true })
      expect(await runCli(enroll, { io: captureIo(), env: {}, stopSignal: never })).toBe(0)
      const after = await upstreamId()
      expect(after.id).not.toBe(before.id)
      expect(after.queued).toBe(2)
    } finally {
      station.cleanup()
    }
  })
})
