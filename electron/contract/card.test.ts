import { describe, expect, it } from 'vitest'
import { safeParse } from '../../lib/schema'
import { CardReadProgressEventSchema } from './card'
import { createKioskClient } from './client'

const block = {
  reader: 'Virtual CCCD reader',
  file: 'DG2',
  bytesRead: 4000,
  total: 16000,
  documentBytesRead: 4400,
  documentTotal: 16600,
  filesUnsized: 3,
}

describe('card.readProgress', () => {
  it('carries the file and the whole document counts', () => {
    const parsed = safeParse(CardReadProgressEventSchema, block)
    expect(parsed.success && parsed.data).toEqual(block)
  })

  it.each([
    ['an older producer without the document counts', { documentTotal: undefined }],
    ['a negative count', { filesUnsized: -1 }],
    ['a fractional count', { documentBytesRead: 4400.5 }],
    ['more document bytes than its total', { documentBytesRead: 16601 }],
    ['more file bytes than the file', { bytesRead: 16001 }],
    ['a file larger than the document', { total: 17000, bytesRead: 17000 }],
    ['a count as text', { documentTotal: '16600' }],
  ])('refuses %s', (_label, change) => {
    expect(safeParse(CardReadProgressEventSchema, { ...block, ...change }).success).toBe(false)
  })

  it('reaches a listener only when it matches the contract', () => {
    let deliver: (payload: unknown) => void = () => undefined
    const client = createKioskClient({
      invoke: () => Promise.reject(new Error('not used')),
      subscribe: (_event, listener) => {
        deliver = listener
        return () => undefined
      },
    })
    const seen: unknown[] = []
    client.on('card.readProgress', (progress) => seen.push(progress))
    deliver({ ...block, documentBytesRead: 20000 })
    deliver({ reader: block.reader, file: 'DG2', bytesRead: 1, total: 2 })
    deliver(block)
    expect(seen).toEqual([block])
  })
})
