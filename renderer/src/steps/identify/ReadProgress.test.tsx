import { act, cleanup, fireEvent, screen } from '@testing-library/react'
import { afterEach, describe, expect, it } from 'vitest'
import type { Language } from '../../../../electron/contract'
import { fakeKiosk, renderTranslated } from '../../test-support'
import { ChipReadPanel } from './ChipReadPanel'

afterEach(cleanup)

const READER = 'Virtual CCCD reader'

/** The chip panel mid-read on a fake clock: `block` sends one `card.readProgress` at `at` ms. */
async function reading(language: Language = 'vi') {
  let clock = 0
  const kiosk = fakeKiosk({ 'card.read': () => new Promise(() => undefined) })
  await renderTranslated(
    <ChipReadPanel
      client={kiosk.client}
      kind="cccd"
      simulated={false}
      busy={false}
      onRead={() => undefined}
      now={() => clock}
    />,
    language,
  )
  fireEvent.change(screen.getByRole('textbox'), { target: { value: '123456' } })
  fireEvent.submit(screen.getByTestId('chip-read'))
  await screen.findByTestId('read-progress')
  const block = (at: number, fields: Record<string, unknown>) =>
    act(() => {
      clock = at
      kiosk.emit('card.readProgress', { reader: READER, ...fields })
    })
  return { ...kiosk, block }
}

/** DG2 of a CCCD read in 1000-byte blocks at 4 KB/s, after 1294 bytes of EF.COM, EF.SOD, DG1. */
function dg2Block(read: number, filesUnsized = 3) {
  const before = 1294
  return {
    file: 'DG2',
    bytesRead: read,
    total: 20_000,
    documentBytesRead: before + read,
    documentTotal: before + 20_000 + (filesUnsized === 0 ? 862 : 0),
    filesUnsized,
  }
}

const bar = () => screen.getByRole('progressbar') as HTMLProgressElement
const text = (id: string) => screen.queryByTestId(id)?.textContent ?? null

describe('the chip read’s progress', () => {
  it('before the first block: an empty bar, named, and no file or estimate yet', async () => {
    await reading()
    expect(screen.getByRole('progressbar', { name: 'Đã đọc 0 KB: đang mở chip, chưa có tệp nào' }))
    expect(bar().value).toBe(0)
    expect(text('read-file')).toBeNull()
    expect(text('read-estimate')).toBeNull()
  })

  it('while files are unsized: the bytes so far, the file, and “estimating”', async () => {
    const { block } = await reading()
    await block(0, dg2Block(4000))
    expect(screen.getByRole('progressbar', { name: 'Đã đọc 5,2/20,8 KB (số tệp chưa rõ cỡ: 3)' }))
    expect(bar().value).toBe(5294)
    expect(bar().max).toBe(21_294)
    expect(text('read-file')).toBe('Tệp đang đọc: DG2, 3,9/19,5 KB')
    // However long it has been, an unknown size means no guess.
    await block(5000, dg2Block(16_000))
    expect(text('read-estimate')).toBe('Đang ước tính thời gian còn lại…')
  })

  it('with every file sized: the time left from the rate seen on the clock', async () => {
    const { block } = await reading()
    for (let read = 1000; read <= 3000; read += 1000) await block(read / 4, dg2Block(read, 0))
    // 2000 bytes in 0.5 s: not yet enough time for a rate.
    expect(text('read-estimate')).toBe('Đang ước tính thời gian còn lại…')
    await block(1250, dg2Block(5000, 0))
    // 4000 B in 1 s since the first block; 15 862 B left: 3.97 s, rounded up.
    expect(text('read-estimate')).toBe('Khoảng 4 giây nữa')
    expect(screen.getByRole('progressbar', { name: 'Đã đọc 6,1/21,6 KB' }))
    await block(3750, dg2Block(15_000, 0))
    expect(text('read-estimate')).toBe('Khoảng 2 giây nữa')
  })

  it('at 100 %: a full bar and no time left, only that the chip is being checked', async () => {
    const { block } = await reading()
    await block(0, dg2Block(1000, 0))
    await block(5000, {
      file: 'DG15',
      bytesRead: 93,
      total: 93,
      documentBytesRead: 22_156,
      documentTotal: 22_156,
      filesUnsized: 0,
    })
    expect(bar().value).toBe(bar().max)
    expect(text('read-estimate')).toBe('Đã đọc hết dữ liệu chip, đang kiểm tra…')
    expect(screen.queryByText(/giây/)).toBeNull()
  })

  it('ignores an event from an older producer without the document counts', async () => {
    const { block } = await reading()
    await block(0, dg2Block(4000))
    await block(100, { file: 'DG2', bytesRead: 9000, total: 20_000 })
    expect(bar().value).toBe(5294)
    expect(text('read-file')).toBe('Tệp đang đọc: DG2, 3,9/19,5 KB')
  })

  it('in English, with English numbers', async () => {
    const { block } = await reading('en')
    await block(0, dg2Block(1000, 0))
    await block(1000, dg2Block(5000, 0))
    expect(screen.getByRole('progressbar', { name: 'Read 6.1 of 21.6 KB' }))
    expect(text('read-file')).toBe('File being read: DG2, 4.9 of 19.5 KB')
    expect(text('read-estimate')).toBe('About 4 s left')
    await block(2000, dg2Block(6000))
    expect(text('read-estimate')).toBe('Estimating the time left…')
  })
})
