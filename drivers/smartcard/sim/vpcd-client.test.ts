import { createServer, type Server, type Socket } from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'
import { fromHex, hex } from '../../../lib/bytes'
import { type CardError } from '../iso7816/errors'
import { FaultyCard } from './faults'
import { CardFileSystem } from './file-system'
import { IsoCard } from './iso-card'
import { attachToVpcd, VpcdUnavailableError, type VpcdAttachment } from './vpcd-client'
import { VpcdFrameReader, frameVpcdMessage } from './vpcd-protocol'
import type { VirtualCard } from './virtual-card'

/** The reader side of one vpcd connection, as pcscd's vpcd driver would drive it. */
class VpcdPeer {
  private readonly frames = new VpcdFrameReader()
  private readonly inbox: Uint8Array[] = []
  private waiting: ((message: Uint8Array) => void) | null = null
  readonly ended: Promise<void>

  constructor(readonly socket: Socket) {
    socket.on('data', (chunk: Buffer) => {
      for (const message of this.frames.push(chunk)) {
        if (this.waiting) {
          this.waiting(message)
          this.waiting = null
        } else this.inbox.push(message)
      }
    })
    this.ended = new Promise((resolve) => socket.on('close', () => resolve()))
  }

  send(hexPayload: string): void {
    this.socket.write(frameVpcdMessage(fromHex(hexPayload)))
  }

  next(): Promise<string> {
    const queued = this.inbox.shift()
    if (queued) return Promise.resolve(hex(queued))
    return new Promise((resolve) => (this.waiting = (message) => resolve(hex(message))))
  }

  async exchange(hexPayload: string): Promise<string> {
    this.send(hexPayload)
    return this.next()
  }
}

/** A TCP server on an ephemeral port standing in for vpcd. */
async function fakeVpcd(): Promise<{
  port: number
  server: Server
  peers: () => Promise<VpcdPeer>
}> {
  const pending: VpcdPeer[] = []
  let wake: ((peer: VpcdPeer) => void) | null = null
  const server = createServer((socket) => {
    const peer = new VpcdPeer(socket)
    if (wake) {
      wake(peer)
      wake = null
    } else pending.push(peer)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const address = server.address()
  if (!address || typeof address === 'string') throw new Error('no port')
  return {
    port: address.port,
    server,
    peers: () => {
      const queued = pending.shift()
      return queued ? Promise.resolve(queued) : new Promise((resolve) => (wake = resolve))
    },
  }
}

function newCard(): IsoCard {
  return new IsoCard({
    files: new CardFileSystem({ masterFiles: [{ fid: 0x011c, data: fromHex('31020101') }] }),
  })
}

const cleanup: (() => Promise<unknown>)[] = []
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step()
})

async function setUp(card: VirtualCard = newCard()): Promise<{
  peer: VpcdPeer
  attachment: VpcdAttachment
  server: Server
}> {
  const vpcd = await fakeVpcd()
  cleanup.push(() => new Promise((resolve) => vpcd.server.close(resolve)))
  const attachment = await attachToVpcd(card, { port: vpcd.port })
  cleanup.push(() => attachment.close())
  return { peer: await vpcd.peers(), attachment, server: vpcd.server }
}

describe('attachToVpcd', () => {
  it('answers GET ATR and APDUs, and obeys power controls', async () => {
    const card = newCard()
    const { peer, attachment } = await setUp(card)
    peer.send('01') // power on: no answer
    expect(await peer.exchange('04')).toBe(hex(card.atr))
    expect(card.isPowered).toBe(true)
    expect(await peer.exchange('00A4020C02011C')).toBe('9000')
    expect(await peer.exchange('00B0000004')).toBe('310201019000')
    peer.send('02') // reset: the selection is gone
    expect(await peer.exchange('00B0000004')).toBe('6986')
    peer.send('00')
    expect(await peer.exchange('04')).toBe(hex(card.atr))
    expect(card.isPowered).toBe(false)
    expect(attachment.apdus).toBe(3)
  })

  it('drops the connection when the card leaves, so pcscd sees it removed', async () => {
    const faulty = new FaultyCard(newCard())
    const { peer, attachment } = await setUp(faulty)
    expect(await peer.exchange('00A4000C')).toBe('9000')
    faulty.remove()
    peer.send('00A4000C')
    await peer.ended
    expect(await attachment.closed).toEqual({ reason: 'card-removed' })
  })

  it('detaches on close() and when vpcd hangs up', async () => {
    const first = await setUp()
    expect(await first.attachment.close()).toEqual({ reason: 'local' })
    await first.peer.ended

    const second = await setUp()
    second.peer.socket.destroy()
    expect((await second.attachment.closed).reason).toBe('remote')
  })

  it('answers 6F00 when the card implementation throws', async () => {
    const errors: unknown[] = []
    const card = newCard().handle(0xca, () => {
      throw new Error('bug in a handler')
    })
    const vpcd = await fakeVpcd()
    cleanup.push(() => new Promise((resolve) => vpcd.server.close(resolve)))
    const attachment = await attachToVpcd(card, {
      port: vpcd.port,
      onCardError: (e) => errors.push(e),
    })
    cleanup.push(() => attachment.close())
    const peer = await vpcd.peers()
    expect(await peer.exchange('00CA000000')).toBe('6F00')
    expect(errors).toHaveLength(1)
  })

  it('retries politely, then says vpcd is not running', async () => {
    const vpcd = await fakeVpcd()
    await new Promise((resolve) => vpcd.server.close(resolve)) // the port is now closed
    const waits: number[] = []
    const error = await attachToVpcd(newCard(), {
      port: vpcd.port,
      connectAttempts: 4,
      retryDelayMs: 300,
      sleep: async (ms) => void waits.push(ms),
    }).catch((e) => e)
    expect(error).toBeInstanceOf(VpcdUnavailableError)
    expect((error as CardError).code).toBe('VPCD_UNAVAILABLE')
    expect((error as CardError).message).toBe(
      `Đầu đọc ảo vpcd không lắng nghe: pcscd/vpcd chưa chạy / The virtual reader vpcd is not listening: pcscd/vpcd is not running: 127.0.0.1:${vpcd.port} (ECONNREFUSED)`,
    )
    expect(waits).toEqual([300, 600, 1200])
  })

  it('attaches again after vpcd drops it when asked to reconnect', async () => {
    const vpcd = await fakeVpcd()
    cleanup.push(() => new Promise((resolve) => vpcd.server.close(resolve)))
    const attachment = await attachToVpcd(newCard(), {
      port: vpcd.port,
      reconnect: true,
      sleep: async () => {},
    })
    cleanup.push(() => attachment.close())
    const first = await vpcd.peers()
    first.socket.destroy()
    const second = await vpcd.peers()
    expect(await second.exchange('00A4000C')).toBe('9000')
    expect(await attachment.close()).toEqual({ reason: 'local' })
  })
})
