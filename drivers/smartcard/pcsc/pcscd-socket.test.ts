import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { PcscUnavailableError } from './pcsc-errors'
import { openPcscService } from './pcsc-service'
import { pcscdListening } from './pcscd-socket'

const dirs: string[] = []
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true })
})

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'pcscd-socket-'))
  dirs.push(dir)
  return dir
}

describe('pcscdListening', () => {
  it('is true while a server accepts on the socket, false once it is gone', async () => {
    const path = join(tempDir(), 'pcscd.comm')
    const server = createServer((socket) => socket.destroy())
    await new Promise<void>((resolve) => server.listen(path, resolve))
    expect(await pcscdListening(path)).toBe(true)
    await new Promise((resolve) => server.close(resolve))
    expect(await pcscdListening(path)).toBe(false)
  })

  it('treats a leftover file as a daemon that is down, before loading the binding', async () => {
    const path = join(tempDir(), 'pcscd.comm')
    writeFileSync(path, '')
    expect(await pcscdListening(path)).toBe(false)
    let loaded = false
    const error = await openPcscService({
      platform: 'linux',
      socketPath: path,
      loadBinding: async () => {
        loaded = true
        throw new Error('must not load')
      },
    }).catch((e) => e)
    expect(error).toBeInstanceOf(PcscUnavailableError)
    expect((error as PcscUnavailableError).detail).toBe(`nothing listens on ${path}`)
    expect(loaded).toBe(false)
  })
})
