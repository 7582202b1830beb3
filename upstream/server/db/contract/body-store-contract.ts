import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { BodyStore } from '../../intake/body-store'
import type { AsyncRepository } from '../async-repository'

/** One body store on an empty backend, as the contract tests see it. */
export interface BodyStoreUnderTest {
  bodies: AsyncRepository<BodyStore>
  /** A new file id the store takes a body for (the database backends announce the file first). */
  newFile(): Promise<string>
}

const text = (s: string) => Buffer.from(s)

/** The bytes a body holds after writing `data` at `offset`: what every store must answer. */
function modelWrite(model: Uint8Array, offset: number, data: Uint8Array): Uint8Array {
  return Buffer.concat([model.subarray(0, offset), data])
}

const writesArbitrary = fc.array(
  fc.record({ at: fc.nat(), data: fc.uint8Array({ maxLength: 48 }) }),
  { maxLength: 8 },
)

/** What the SQLite, PostgreSQL and directory body stores must answer alike. */
export function bodyStoreContract(open: () => Promise<BodyStoreUnderTest>, propertyRuns = 40) {
  describe('body store', () => {
    it('answers an empty body for a file it has nothing of', async () => {
      const { bodies, newFile } = await open()
      const id = await newFile()
      expect(await bodies.size(id)).toBe(0)
      expect(await bodies.read(id)).toEqual(Buffer.alloc(0))
      await bodies.remove(id)
      expect(await bodies.size(id)).toBe(0)
    })

    it('appends chunks and reads them back in order', async () => {
      const { bodies, newFile } = await open()
      const id = await newFile()
      await bodies.write(id, 0, text('hello '))
      await bodies.write(id, 6, new Uint8Array(text('world, and more')))
      expect((await bodies.read(id)).toString()).toBe('hello world, and more')
      expect(await bodies.size(id)).toBe(21)
    })

    it('replaces whatever followed a rewritten offset, cutting a chunk it lands inside', async () => {
      const { bodies, newFile } = await open()
      const id = await newFile()
      await bodies.write(id, 0, text('hello '))
      await bodies.write(id, 6, text('world, and more'))
      await bodies.write(id, 6, text('there'))
      expect((await bodies.read(id)).toString()).toBe('hello there')
      await bodies.write(id, 3, text('p!'))
      expect((await bodies.read(id)).toString()).toBe('help!')
      await bodies.write(id, 2, Buffer.alloc(0))
      expect((await bodies.read(id)).toString()).toBe('he')
      await bodies.write(id, 0, Buffer.alloc(0))
      expect(await bodies.size(id)).toBe(0)
    })

    it('keeps bodies apart and removes one without the other', async () => {
      const { bodies, newFile } = await open()
      const [a, b] = [await newFile(), await newFile()]
      await bodies.write(a, 0, text('aaa'))
      await bodies.write(b, 0, text('bb'))
      await bodies.remove(a)
      expect(await bodies.size(a)).toBe(0)
      expect(await bodies.read(a)).toEqual(Buffer.alloc(0))
      expect((await bodies.read(b)).toString()).toBe('bb')
    })

    it('reads back any sequence of writes at offsets within the body as the model bytes', async () => {
      const { bodies, newFile } = await open()
      await fc.assert(
        fc.asyncProperty(writesArbitrary, async (writes) => {
          const id = await newFile()
          let model: Uint8Array = new Uint8Array(0)
          for (const { at, data } of writes) {
            const offset = at % (model.byteLength + 1)
            await bodies.write(id, offset, data)
            model = modelWrite(model, offset, data)
            expect(await bodies.size(id)).toBe(model.byteLength)
          }
          expect(new Uint8Array(await bodies.read(id))).toEqual(new Uint8Array(model))
        }),
        { numRuns: propertyRuns },
      )
    })
  })
}
