import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { KeyFileError, keyFileText, parseKeyFile } from './key-file'
import { KeyProtectionError } from './key-protection-error'
import { parsePassphraseEnvelope } from './passphrase-protector'
import { fileKeyProtector, plainTrainingProtector, type KeyProtector } from './protector'
import { encodeTpmBlob, parseTpmBlob } from './tpm-blob'

/** A protector that only relabels, so the file's layout can be checked without a TPM. */
const labelled = (kind: string): KeyProtector => ({
  kind,
  seal: (plain) => Buffer.from(plain),
  unseal: (sealed) => Buffer.from(sealed),
})

const nonEmptyPart = fc.uint8Array({ minLength: 1, maxLength: 600 }).map((b) => Buffer.from(b))

/** Runs `parse`; anything but a documented refusal is a bug. */
function acceptsOrRefuses(parse: () => unknown, ...typed: (new (...a: never[]) => Error)[]) {
  try {
    parse()
  } catch (error) {
    if (!typed.some((type) => error instanceof type)) throw error
  }
}

describe('key file parser', () => {
  it('reads back every file keyFileText writes, whatever the key and protector', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ maxLength: 200 }),
        fc.constantFrom('file', 'plain-training', 'passphrase', 'tpm', 'safe-storage'),
        (key, kind) => {
          const stored = parseKeyFile('k', keyFileText(Buffer.from(key), labelled(kind)))
          expect(stored).toEqual({ protector: kind, sealed: Buffer.from(key) })
        },
      ),
    )
  })

  it('labels a plain-training file for whoever opens it', () => {
    const file = JSON.parse(keyFileText(Buffer.from('k'), plainTrainingProtector)) as {
      note: string
    }
    expect(file.note).toMatch(/TRAINING ONLY/)
    expect(JSON.parse(keyFileText(Buffer.from('k'), fileKeyProtector))).not.toHaveProperty('note')
  })

  it('refuses any other text with KeyFileError, never another exception', () => {
    const valid = keyFileText(Buffer.from('a key'), labelled('passphrase'))
    const mutated = fc
      .tuple(fc.nat(valid.length), fc.nat(valid.length), fc.string({ maxLength: 8 }))
      .map(([from, length, insert]) => valid.slice(0, from) + insert + valid.slice(from + length))
    const anyJson = fc.jsonValue().map((value) => JSON.stringify(value))
    fc.assert(
      fc.property(fc.oneof(fc.string(), mutated, anyJson), (text) => {
        acceptsOrRefuses(() => parseKeyFile('k', text), KeyFileError)
      }),
    )
    for (const bad of ['', '{}', '{"format":1,"protector":"tpm","sealed":"not base64!"}'])
      expect(() => parseKeyFile('k', bad)).toThrow(KeyFileError)
  })
})

describe('wrapped-key blobs', () => {
  it('round-trip a TPM sealed object, and refuse every truncation of it', () => {
    fc.assert(
      fc.property(nonEmptyPart, nonEmptyPart, fc.nat(), (pub, priv, cut) => {
        const blob = encodeTpmBlob({ public: pub, private: priv })
        expect(parseTpmBlob(blob)).toEqual({ public: pub, private: priv })
        const truncated = blob.subarray(0, cut % blob.length)
        expect(() => parseTpmBlob(truncated)).toThrow(KeyProtectionError)
      }),
    )
  })

  it('take apart or refuse (sealedDamaged) any bytes as a TPM blob or passphrase envelope', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
        acceptsOrRefuses(() => parseTpmBlob(bytes), KeyProtectionError)
        acceptsOrRefuses(() => {
          const envelope = parsePassphraseEnvelope(bytes)
          // Whatever it accepts stays within the memory a station may spend on scrypt.
          expect(128 * 2 ** envelope.cost.log2N * envelope.cost.r).toBeLessThanOrEqual(2 ** 28)
          expect(envelope.salt).toHaveLength(16)
          expect(envelope.tag).toHaveLength(16)
        }, KeyProtectionError)
      }),
    )
  })
})
