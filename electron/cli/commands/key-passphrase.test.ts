import { EventEmitter } from 'node:events'
import { PassThrough } from 'node:stream'
import { describe, expect, it } from 'vitest'
import { cliKeyProtection, readHidden } from './key-passphrase'

/** A terminal stand-in: records raw mode, and the test types into it. */
class FakeTerminal extends EventEmitter {
  isTTY = true
  rawModes: boolean[] = []
  setRawMode(on: boolean) {
    this.rawModes.push(on)
    return this
  }
  resume() {
    return this
  }
  pause() {
    return this
  }
  type(text: string) {
    this.emit('data', Buffer.from(text, 'utf8'))
  }
  asStdin(): NodeJS.ReadStream {
    return this as unknown as NodeJS.ReadStream
  }
}

function output(): { stream: PassThrough; text: () => string } {
  const stream = new PassThrough()
  const chunks: Buffer[] = []
  stream.on('data', (c: Buffer) => chunks.push(c))
  return { stream, text: () => Buffer.concat(chunks).toString('utf8') }
}

describe('readHidden', () => {
  it('reads a line in raw mode without echoing it, backspace included', async () => {
    const terminal = new FakeTerminal()
    const out = output()
    const typed = readHidden('Cụm mật khẩu / Passphrase', terminal.asStdin(), out.stream)
    terminal.type('mật khẩ')
    terminal.type('x\u007fu\r')
    expect(await typed).toBe('mật khẩu')
    expect(terminal.rawModes).toEqual([true, false])
    expect(out.text()).toBe('Cụm mật khẩu / Passphrase: \n')
    expect(terminal.listenerCount('data')).toBe(0)
  })

  it('gives up with an empty passphrase on Ctrl-C', async () => {
    const terminal = new FakeTerminal()
    const typed = readHidden('p', terminal.asStdin(), output().stream)
    terminal.type('abc\u0003')
    expect(await typed).toBe('')
    expect(terminal.rawModes).toEqual([true, false])
  })
})

describe('cliKeyProtection', () => {
  it('offers a prompt only on a terminal, and a file from the flag or the environment', () => {
    const terminal = new FakeTerminal()
    expect(cliKeyProtection([], {}, terminal.asStdin()).passphrase).toMatchObject({
      kind: 'prompt',
    })
    terminal.isTTY = false
    expect(cliKeyProtection([], {}, terminal.asStdin())).toEqual({})
    expect(
      cliKeyProtection(['--passphrase-file', '/p'], {}, terminal.asStdin()).passphrase,
    ).toEqual({ kind: 'file', path: '/p' })
    expect(
      cliKeyProtection([], { KIOSK_KEY_PASSPHRASE_FILE: '/e' }, terminal.asStdin()).passphrase,
    ).toEqual({ kind: 'file', path: '/e' })
  })
})
