import fc from 'fast-check'
import { PNG } from 'pngjs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { readFingerImageRecord } from '../../../drivers/fingerprint'
import type { PacketPartInput } from '../../../protocol/packet'
import { UpstreamError } from '../errors'
import {
  buildFile,
  registerTerminal,
  reviewerToken,
  sampleInput,
  testTerminal,
  testUpstream,
  uploadFile,
  type TestTerminal,
} from '../test-support'
import { fingerPng } from './review-fingers'
import {
  jsonPart,
  sampleConsentRecord,
  sampleDocumentPart,
  sampleEnrollmentRecord,
  sampleFingerParts,
} from './review-test-support'

const FULL = '55555555-5555-4555-8555-555555555555'
const OLD = '66666666-6666-4666-8666-666666666666'

let env: Awaited<ReturnType<typeof testUpstream>>
let terminal: TestTerminal
let fingers: PacketPartInput[]
let session: string

// Read-only tests: one upstream for all. Ten synthetic prints and two JPEG 2000 encodings take a while.
beforeAll(async () => {
  env = await testUpstream()
  session = await reviewerToken(env.upstream)
  terminal = testTerminal()
  await registerTerminal(env.upstream, terminal)
  // Two fingers in JPEG 2000, the rest PNG: both encodings the kiosk writes.
  fingers = await sampleFingerParts((i) => (i < 2 ? 'jpeg2000-lossless' : 'png'))
  const kept = sampleInput(terminal, FULL).parts.filter(
    (p) => p.kind !== 'finger' && p.kind !== 'consent',
  )
  const parts = [
    ...kept,
    ...fingers,
    sampleDocumentPart('document/photo-1'),
    jsonPart('enrollment', 'enrollment', sampleEnrollmentRecord(['document/photo-1'])),
    jsonPart('consent', 'consent', sampleConsentRecord()),
  ]
  for (const file of [
    buildFile(env.upstream, terminal, FULL, { parts }),
    buildFile(env.upstream, terminal, OLD),
  ]) {
    const answer = await uploadFile(env.upstream, terminal, file)
    expect(answer.statusCode, answer.body).toBe(200)
  }
}, 60_000)
afterAll(() => env.cleanup())

const get = (url: string, token = session) =>
  env.upstream.app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${token}` } })

describe('the review of what the officer established', () => {
  it('gives the enrollment and consent records of a file, null for an older file', async () => {
    const full = (await get(`/review/api/files/${FULL}`)).json<Record<string, unknown>>()
    expect(full.enrollment).toEqual(sampleEnrollmentRecord(['document/photo-1']))
    expect(full.consent).toEqual(sampleConsentRecord())
    expect(full.phone).toBe('0912345678')
    const old = (await get(`/review/api/files/${OLD}`)).json<Record<string, unknown>>()
    expect(old.enrollment).toBeNull()
    // `{"agreed":true}` only: no version or text hash to show.
    expect(old.consent).toBeNull()
  })

  it('serves each of the ten fingers as a PNG of the pixels the record holds', async () => {
    for (const part of fingers) {
      const answer = await get(`/review/api/files/${FULL}/finger?name=${part.name}`)
      expect(answer.statusCode, part.name).toBe(200)
      expect(answer.headers['content-type']).toBe('image/png')
      const png = PNG.sync.read(answer.rawPayload)
      const { image } = (await readFingerImageRecord(part.data)).images[0]!
      expect([png.width, png.height]).toEqual([image.width, image.height])
      const grey = Uint8Array.from({ length: image.pixels.length }, (_, i) => png.data[i * 4]!)
      expect(Buffer.compare(grey, image.pixels), part.name).toBe(0)
    }
  })

  it('serves a document photo as its JPEG', async () => {
    const answer = await get(`/review/api/files/${FULL}/part?name=document/photo-1`)
    expect(answer.headers['content-type']).toBe('image/jpeg')
    expect(answer.rawPayload.equals(sampleDocumentPart('x').data)).toBe(true)
  })

  it('refuses a finger without the token, one the file lacks, and one that does not decode', async () => {
    const name = 'finger/right-thumb'
    expect((await get(`/review/api/files/${FULL}/finger?name=${name}`, 'guess')).statusCode).toBe(
      401,
    )
    expect((await get(`/review/api/files/${FULL}/finger?name=chip/DG1`)).statusCode).toBe(400)
    expect((await get(`/review/api/files/${OLD}/finger?name=${name}`)).statusCode).toBe(404)
    // The older file's finger is only a magic number and filler bytes.
    const broken = await get(`/review/api/files/${OLD}/finger?name=finger/right-index`)
    expect(broken.statusCode).toBe(422)
    expect(broken.json<{ error: { code: string } }>().error.code).toBe('invalid_file')
  })
})

describe('fingerPng', () => {
  it('refuses a placeholder', async () => {
    const part = { data: fingers[0]!.data, placeholder: true }
    await expect(fingerPng(part)).rejects.toMatchObject({ code: 'not_found' })
  })

  it('answers any bytes with a PNG or an invalid_file refusal, nothing else', async () => {
    const header = Buffer.from('FIR\x00020\x00', 'latin1')
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 400 }), fc.boolean(), async (tail, framed) => {
        const data = framed ? Buffer.concat([header, tail]) : tail
        try {
          const png = await fingerPng({ data, placeholder: false })
          expect(png.subarray(0, 4)).toEqual(Uint8Array.from([0x89, 0x50, 0x4e, 0x47]))
        } catch (error) {
          expect(error).toBeInstanceOf(UpstreamError)
          expect((error as UpstreamError).code).toBe('invalid_file')
        }
      }),
      { numRuns: 200 },
    )
  })
})
