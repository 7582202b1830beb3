import { describe, expect, it } from 'vitest'
import { hex } from '../../../lib/bytes'
import { ScriptedLink } from '../sim/scripted-link'
import { ApduChannel } from './apdu-channel'
import { readBinary, selectApplication, selectFile, selectMasterFile } from './commands'
import { type CardError } from './errors'
import { StatusWordError } from './status-words'

const channel = (link: ScriptedLink, extendedLength = false): ApduChannel =>
  new ApduChannel(link, { extendedLength })

describe('SELECT helpers', () => {
  it('selects the eMRTD application and an EF with P2=0C', async () => {
    const link = new ScriptedLink([
      ['00 A4 04 0C 07 A0000002471001', '9000'],
      ['00 A4 02 0C 02 011E', '9000'],
    ])
    const aid = Uint8Array.of(0xa0, 0, 0, 2, 0x47, 0x10, 1)
    await selectApplication(channel(link), aid)
    await selectFile(channel(link), 0x011e)
    expect(link.remaining).toBe(0)
  })

  it('falls back to the explicit 3F00 form of SELECT MF', async () => {
    const link = new ScriptedLink([
      ['00 A4 00 0C', '6A86'],
      ['00 A4 00 0C 02 3F00', '9000'],
    ])
    await selectMasterFile(channel(link))
    expect(link.remaining).toBe(0)
  })

  it('reports a missing file as FILE_NOT_FOUND with its FID', async () => {
    const link = new ScriptedLink([['00 A4 02 0C 02 010D', '6A82']])
    const error = (await selectFile(channel(link), 0x010d).catch((e) => e)) as StatusWordError
    expect(error).toBeInstanceOf(StatusWordError)
    expect(error.status).toBe('FILE_NOT_FOUND')
    expect(error.detail).toContain('SELECT EF 010D')
  })
})

describe('readBinary', () => {
  it('puts offsets up to 7FFF in P1-P2 and reads by SFI with P1=80|sfi', async () => {
    const link = new ScriptedLink([
      ['00 B0 7F FF 01', 'AA 9000'],
      ['00 B0 9C 00 04', '31143012 9000'],
    ])
    expect(hex((await readBinary(channel(link), 0x7fff, 1)).data)).toBe('AA')
    const bySfi = await readBinary(channel(link), 0, 4, { sfi: 0x1c })
    expect(hex(bySfi.data)).toBe('31143012')
    expect(bySfi.endOfFile).toBe(false)
  })

  it('uses odd INS B1 with DO54 beyond 7FFF and unwraps DO53', async () => {
    const link = new ScriptedLink([
      // 16 bytes at 0x8000: DO'53' adds 2 bytes, so Le is 18.
      ['00 B1 00 00 04 54 02 8000 12', `5310${'CD'.repeat(16)}9000`],
      // 300 bytes at 0x10000 on a short channel: clamped to 253 + 3 header bytes = Le 256 (00).
      ['00 B1 00 00 05 54 03 010000 00', `5381FD${'EF'.repeat(253)}9000`],
    ])
    const near = await readBinary(channel(link), 0x8000, 16)
    expect(hex(near.data)).toBe('CD'.repeat(16))
    const far = await readBinary(channel(link), 0x10000, 300)
    expect(far.data.length).toBe(253)
  })

  it('marks 6282 as end of file and throws on refusals', async () => {
    const link = new ScriptedLink([
      ['00 B0 00 10 20', '0102 6282'],
      ['00 B0 00 00 04', '6982'],
    ])
    expect(await readBinary(channel(link), 16, 32)).toEqual({
      data: Uint8Array.of(1, 2),
      endOfFile: true,
    })
    const refused = (await readBinary(channel(link), 0, 4).catch((e) => e)) as StatusWordError
    expect(refused.status).toBe('SECURITY_STATUS_NOT_SATISFIED')
  })

  it('clamps Le to the channel and sends extended Le when the channel has it', async () => {
    const link = new ScriptedLink([
      ['00 B0 00 00 00', '9000'],
      ['00 B0 00 00 00 10 00', '9000'],
    ])
    await readBinary(channel(link), 0, 5000)
    await readBinary(channel(link, true), 0, 4096)
    expect(link.remaining).toBe(0)
  })

  it('rejects a B1 answer without DO53 as malformed', async () => {
    const link = new ScriptedLink([['00 B1 00 00 04 54 02 9000 04', '01020304 9000']])
    const error = (await readBinary(channel(link), 0x9000, 2).catch((e) => e)) as CardError
    expect(error.code).toBe('MALFORMED_RESPONSE')
  })
})
