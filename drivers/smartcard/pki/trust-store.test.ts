import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import fc from 'fast-check'
import { afterAll, describe, expect, it } from 'vitest'
import { ParseError } from '../../../lib/parse-error'
import { buildMasterList, parseMasterList } from './master-list'
import { createSimPki, issueSimCertificate, type SimIdentity } from './sim-pki'
import { createTrustStore, loadTrustStore, loadTrustStoreSync, withAnchors } from './trust-store'

const now = new Date('2026-03-01T08:00:00Z')
const later = new Date('2031-01-01T00:00:00Z')
const a = createSimPki({ now, country: 'AA' })
const b = createSimPki({ now, country: 'BB' })
const c = createSimPki({ now, country: 'CC' })
const d = createSimPki({ now, country: 'DD' })

function masterListSigner(issuer: SimIdentity): SimIdentity {
  return issueSimCertificate(issuer, {
    subject: [
      { type: 'C', value: 'AA' },
      { type: 'CN', value: 'Master List Signer TEST' },
    ],
    role: 'signer',
    algorithm: 'ecdsa-p256',
    notBefore: now,
    notAfter: later,
  })
}

const mlSigner = masterListSigner(a.csca)
const masterList = buildMasterList({
  certificates: [a.csca.certificateDer, b.csca.certificateDer, d.csca.certificateDer],
  signer: { certificateDer: mlSigner.certificateDer, privateKey: mlSigner.privateKey },
  chain: [a.csca.certificateDer],
  signingTime: now,
})
const pemBundle = `subject=C=AA\n${a.csca.certificatePem}\nsubject=C=BB\n${b.csca.certificatePem}`
const enc = (text: string) => new Uint8Array(Buffer.from(text))

describe('CSCA trust store', () => {
  it('loads a PEM bundle, a DER certificate and a master list, and reports the rest', () => {
    const junk = Uint8Array.from({ length: 64 }, (_, i) => (i * 37) & 0xff)
    const store = createTrustStore([
      { name: 'bundle.pem', bytes: enc(pemBundle) },
      { name: 'cc.cer', bytes: c.csca.certificateDer },
      { name: 'aa.ml', bytes: masterList },
      { name: 'junk.der', bytes: junk },
      { name: 'key-only.pem', bytes: enc(a.csca.privateKeyPem) },
      { name: 'README.md', bytes: enc('# not a certificate') },
    ])
    const subjects = store.anchors.map((x) => x.certificate.subject.text)
    expect(subjects).toHaveLength(4) // AA and BB once each, although the master list repeats them
    expect(subjects.filter((s) => s.includes('CN=CSCA DD TEST'))).toHaveLength(1)
    expect(store.sources).toEqual([
      { file: 'bundle.pem', kind: 'pem', added: 2 },
      { file: 'cc.cer', kind: 'der', added: 1 },
      expect.objectContaining({ file: 'aa.ml', kind: 'master-list', added: 1 }),
    ])
    const ml = store.sources[2]?.masterList
    expect(ml?.signatureValid).toBe(true)
    expect(ml?.signer?.subject).toBe('C=AA, CN=Master List Signer TEST')
    expect(ml?.signerIssuedBy).toBe(a.csca.certificate.subject.text)
    expect(ml?.verified).toMatch(/signature verified; signer certificate issued by listed CSCA/)
    expect(store.problems.map((p) => p.file)).toEqual(['junk.der', 'key-only.pem'])
    expect(store.problems[0]?.reason).toMatch(/neither a certificate .* nor a master list/)
    expect(store.problems[1]?.reason).toMatch(/no CERTIFICATE block/)
  })

  it('finds the CSCA that issued a document signer, and none for an unknown issuer', () => {
    const store = createTrustStore([{ name: 'bundle.pem', bytes: enc(pemBundle) }])
    const found = store.candidateIssuers(a.documentSigner.certificate)
    expect(found.map((x) => x.certificate.subject.text)).toEqual([a.csca.certificate.subject.text])
    expect(store.candidateIssuers(c.documentSigner.certificate)).toEqual([])
    const more = withAnchors(store, [c.csca.certificateDer], 'simulator')
    expect(more.candidateIssuers(c.documentSigner.certificate)[0]?.source).toBe('simulator')
    expect(store.anchors).toHaveLength(2) // the original is unchanged
  })

  it('refuses a master list whose content was altered, and says why', () => {
    const tampered = Uint8Array.from(masterList)
    const list = parseMasterList(masterList)
    const inside = list.certificates[1] as Uint8Array
    // Flip a byte inside the second listed certificate's subject: the content digest no longer matches.
    const at = inside.byteOffset - masterList.byteOffset + 40
    tampered[at] = (tampered[at] ?? 0) ^ 0x01
    const store = createTrustStore([{ name: 'bad.ml', bytes: tampered }])
    expect(store.anchors).toEqual([])
    expect(store.problems).toHaveLength(1)
    expect(store.problems[0]?.reason).toMatch(/master list signature: messageDigest/)
  })

  it('loads a master list signed by an outside signer but says the chain was not found', () => {
    const outsider = masterListSigner(c.csca)
    const list = buildMasterList({
      certificates: [b.csca.certificateDer],
      signer: { certificateDer: outsider.certificateDer, privateKey: outsider.privateKey },
    })
    const store = createTrustStore([{ name: 'x.ml', bytes: list }])
    expect(store.anchors).toHaveLength(1)
    expect(store.sources[0]?.masterList?.signerIssuedBy).toBeUndefined()
    expect(store.sources[0]?.masterList?.verified).toMatch(/no listed CSCA issued that signer/)
  })

  describe('from a directory', () => {
    const dir = mkdtempSync(join(tmpdir(), 'trust-'))
    afterAll(() => rmSync(dir, { recursive: true, force: true }))

    it('reads files recursively, ignores documentation, and survives a missing directory', async () => {
      mkdirSync(join(dir, 'lists'))
      writeFileSync(join(dir, 'bundle.pem'), pemBundle)
      writeFileSync(join(dir, 'cc.der'), c.csca.certificateDer)
      writeFileSync(join(dir, 'lists', 'aa.ml'), masterList)
      writeFileSync(join(dir, 'broken.crt'), 'not a certificate')
      writeFileSync(join(dir, 'README.md'), '# trust')
      writeFileSync(join(dir, '.gitkeep'), '')
      const store = await loadTrustStore(dir)
      expect(store.anchors).toHaveLength(4)
      expect(store.sources.map((s) => s.file)).toEqual([
        'bundle.pem',
        'cc.der',
        join('lists', 'aa.ml'),
      ])
      expect(store.problems.map((p) => p.file)).toEqual(['broken.crt'])

      const missing = await loadTrustStore(join(dir, 'nope'))
      expect(missing.anchors).toEqual([])
      expect(missing.problems[0]?.reason).toMatch(/cannot list/)
    })

    it('loads the same store synchronously', async () => {
      const store = await loadTrustStore(dir)
      const sync = loadTrustStoreSync(dir)
      expect(sync.anchors.map((a) => a.source)).toEqual(store.anchors.map((a) => a.source))
      expect(sync.sources).toEqual(store.sources)
      expect(sync.problems).toEqual(store.problems)
      expect(loadTrustStoreSync(join(dir, 'nope')).problems[0]?.reason).toMatch(/cannot list/)
    })
  })

  it('master-list parsing throws only ParseError, and the store never throws', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.nat(masterList.length - 1), fc.integer({ min: 0, max: 255 })), {
          minLength: 1,
          maxLength: 3,
        }),
        fc.nat(masterList.length),
        (edits, cut) => {
          const bytes = Uint8Array.from(masterList)
          for (const [at, value] of edits) bytes[at] = value
          for (const input of [bytes, bytes.subarray(0, cut)]) {
            try {
              parseMasterList(input)
            } catch (error) {
              expect(error).toBeInstanceOf(ParseError)
            }
            const store = createTrustStore([{ name: 'f.ml', bytes: input }])
            expect(store.anchors.length + store.problems.length).toBeGreaterThan(0)
          }
        },
      ),
      { numRuns: 300 },
    )
  })
})
