import {
  encodeTpmBlob,
  fileKeyProtector,
  KeyFileError,
  KeyProtectionError,
  keyFileText,
  parseKeyFile,
  parsePassphraseEnvelope,
  parseTpmBlob,
  passphraseKeyProtector,
  plainTrainingProtector,
  type KeyProtector,
} from '../../../electron/core/keys'
import { seededRandom } from '../../../protocol/packet/test-fixtures'
import { randomJson } from '../engine/generators'
import { wholeJson } from '../engine/json-mutate'
import { instanceOfAny, type FuzzTarget } from '../engine/target'

const utf8 = new TextDecoder('utf-8')

/** Stands in for the TPM: a sealed object's two halves of plausible sizes. */
const tpmLike: KeyProtector = {
  kind: 'tpm',
  seal: (plain) => encodeTpmBlob({ public: Buffer.alloc(78, 1), private: Buffer.from(plain) }),
  unseal: (sealed) => parseTpmBlob(sealed).private,
}

/** What a key file was taken apart into; checked against the blob it came from. */
type Parsed =
  | { kind: 'clear'; sealed: Buffer }
  | { kind: 'tpm'; sealed: Buffer; again: Buffer }
  | { kind: 'passphrase'; saltBytes: number; tagBytes: number }
  | { kind: 'other' }

/** The parsers a station runs on its key files before any secret is involved. */
function parseStationKeyFile(input: Uint8Array): Parsed {
  const stored = parseKeyFile('fuzz.key', utf8.decode(input))
  switch (stored.protector) {
    case fileKeyProtector.kind:
    case plainTrainingProtector.kind:
      return { kind: 'clear', sealed: stored.sealed }
    case 'tpm':
      return {
        kind: 'tpm',
        sealed: stored.sealed,
        again: encodeTpmBlob(parseTpmBlob(stored.sealed)),
      }
    case 'passphrase': {
      // Not unsealed: scrypt at the costs a file may name is the point, not a parser's bug.
      const envelope = parsePassphraseEnvelope(stored.sealed)
      return { kind: 'passphrase', saltBytes: envelope.salt.length, tagBytes: envelope.tag.length }
    }
    default:
      return { kind: 'other' }
  }
}

/** Input: a key file's text (data directory `keys/terminal.key`, `keys/local.key`). */
export const stationKeyFiles: FuzzTarget = {
  name: 'station-key-files',
  parses:
    'parseKeyFile and the wrapped-key blobs inside (parseTpmBlob, parsePassphraseEnvelope): the key files of the data directory, which a copied or edited folder controls',
  typedErrors: 'KeyFileError, KeyProtectionError',
  setup: () => {
    const key = seededRandom('fuzz-station-key')(48)
    const passphrase = passphraseKeyProtector('fuzz', seededRandom('fuzz-salt'), {
      log2N: 10,
      r: 8,
      p: 1,
    })
    const protectors = [fileKeyProtector, plainTrainingProtector, tpmLike, passphrase]
    return {
      seeds: protectors.map((p) => new Uint8Array(Buffer.from(keyFileText(key, p), 'utf8'))),
      generated: randomJson(),
      structure: {
        tlv: false,
        json: wholeJson,
        dictionary: ['format', 'protector', 'sealed', 'note', 'tpm', 'passphrase', 'file'],
      },
      mode: 'sync',
      execute: parseStationKeyFile,
      isTyped: instanceOfAny(KeyFileError, KeyProtectionError),
      checkResult: (result) => {
        const parsed = result as Parsed
        if (parsed.kind === 'tpm' && !parsed.again.equals(parsed.sealed))
          return 'a TPM blob that does not encode back to itself was accepted'
        if (parsed.kind === 'passphrase' && (parsed.saltBytes !== 16 || parsed.tagBytes !== 16))
          return 'a passphrase envelope with a short salt or tag was accepted'
        return null
      },
    }
  },
}
