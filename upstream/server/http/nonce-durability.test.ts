import { cpSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { seededRandom } from '../../../protocol/packet/test-fixtures'
import { apiPaths, ErrorBodySchema, signRequest } from '../../../protocol'
import { parse } from '../../../lib/schema'
import { walSyncer } from '../db/group-commit'
import { openUpstream, type Upstream } from '../upstream'
import { registerTerminal, testTerminal, testUpstream } from '../test-support'

const cleanups: (() => Promise<void> | void)[] = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

/**
 * A WAL syncer that, once each sync is done, copies the data directory aside: what a power cut
 * right then would leave on disk. Commits made with `synchronous = NORMAL` since the last sync are
 * not in the copy, as they would not be on the disk.
 */
function powerCutSnapshots() {
  const snapshot = mkdtempSync(join(tmpdir(), 'upstream-power-cut-'))
  cleanups.push(() => rmSync(snapshot, { recursive: true, force: true }))
  let dataDir = ''
  const take = () =>
    cpSync(dataDir, snapshot, {
      recursive: true,
      force: true,
      // SQLite rebuilds the shared-memory index from the WAL when it opens.
      filter: (source) => !source.endsWith('-shm'),
    })
  return {
    snapshot,
    /** Copies `dir` at every sync from now on, and once now. */
    watch(dir: string) {
      dataDir = dir
      take()
    },
    syncer(databaseFile: string) {
      const real = walSyncer(databaseFile)
      return {
        async sync() {
          await real.sync()
          if (dataDir) take()
        },
        close: real.close,
      }
    },
  }
}

describe('the nonce store across a power cut', () => {
  it('refuses a replay of an answered request on the database a power cut leaves', async () => {
    const power = powerCutSnapshots()
    const env = await testUpstream({ walSyncer: (file) => power.syncer(file) })
    cleanups.push(() => env.cleanup())
    const terminal = testTerminal()
    await registerTerminal(env.upstream, terminal)
    // Registration commits with synchronous = FULL: on disk from here.
    power.watch(env.dataDir)

    const path = apiPaths.status(undefined, 10)
    const headers = signRequest(
      { method: 'GET', path, body: Buffer.alloc(0) },
      {
        terminalId: terminal.terminalId,
        privateKey: terminal.keys.privateKey,
        upstreamId: env.upstream.keys.publicDocument.upstreamId,
      },
      { now: env.clock.now, randomBytes: seededRandom('replayed') },
    )
    const send = (upstream: Upstream) => upstream.app.inject({ method: 'GET', url: path, headers })
    const first = await send(env.upstream)
    expect(first.statusCode, first.body).toBe(200)

    // The power goes: the upstream comes back on what was synced before the answer.
    const after = await openUpstream({ dataDir: power.snapshot, now: env.clock.now })
    cleanups.push(() => after.close())
    const replay = await send(after)
    expect(replay.statusCode, replay.body).toBe(401)
    expect(parse(ErrorBodySchema, replay.json()).error.code).toBe('replayed_nonce')
  })
})
