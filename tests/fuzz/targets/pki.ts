import fc from 'fast-check'
import { ParseError } from '../../../lib/parse-error'
import { formatPassiveAuth } from '../../../electron/cli/commands/card/format'
import { passiveAuthentication } from '../../../drivers/smartcard/icao9303/pa/passive-authentication'
import type { PassiveAuthenticationResult } from '../../../drivers/smartcard/icao9303/pa/result'
import {
  certificateFingerprint,
  certificatePublicKey,
  parseCertificate,
  summarizeCertificate,
} from '../../../drivers/smartcard/pki/certificate'
import { buildMasterList } from '../../../drivers/smartcard/pki/master-list'
import { createTrustStore, type TrustStore } from '../../../drivers/smartcard/pki/trust-store'
import { randomBytes, randomTlv, withSelector } from '../engine/generators'
import { instanceOfAny, type FuzzTarget } from '../engine/target'
import { joined } from '../engine/tlv-tree'
import { FUZZ_NOW, fixturePki } from '../fixtures/fixture-keys'
import { simulatedChips } from '../seeds/chip'

/** The CSCA (self-signed, a CA) and the document signer it issued: what EF.SOD embeds. */
function certificates(): Uint8Array[] {
  const pki = fixturePki()
  return [pki.csca.certificateDer, pki.documentSigner.certificateDer]
}

export const x509: FuzzTarget = {
  name: 'x509',
  parses:
    'parseCertificate, summarizeCertificate, certificateFingerprint, certificatePublicKey (DS certificates from EF.SOD, CSCAs from trust files)',
  typedErrors: 'ParseError',
  setup: () => ({
    seeds: certificates(),
    generated: fc.oneof(randomTlv(), randomBytes(1024)),
    structure: { tlv: true },
    mode: 'sync',
    execute: (input) => {
      const cert = parseCertificate(input)
      certificatePublicKey(cert)
      return [summarizeCertificate(cert), certificateFingerprint(cert)]
    },
    isTyped: instanceOfAny(ParseError),
  }),
}

const TRUST_FILE_NAMES = ['csca.pem', 'csca.der', 'icao.ml', 'list.crt', 'README.md', '.hidden']

function masterList(): Uint8Array {
  const { csca, documentSigner } = fixturePki()
  return buildMasterList({
    certificates: [csca.certificateDer],
    signer: {
      certificateDer: documentSigner.certificateDer,
      privateKey: documentSigner.privateKey,
    },
    chain: [csca.certificateDer],
    signingTime: FUZZ_NOW,
  })
}

export const trustStore: FuzzTarget = {
  name: 'trust-store',
  parses:
    'createTrustStore: decodePem, parseCertificate, parseMasterList, verifyMasterList (files of a CSCA trust directory); first byte picks the file name',
  typedErrors: 'none: every unusable file must end up in `problems`, so any throw is a failure',
  setup: () => {
    const { csca, documentSigner } = fixturePki()
    const text = (s: string) => new Uint8Array(Buffer.from(s, 'latin1'))
    const files = [
      text(csca.certificatePem),
      csca.certificateDer,
      masterList(),
      text(`subject=CN=CSCA\n${csca.certificatePem}${documentSigner.certificatePem}`),
    ]
    return {
      seeds: files.map((bytes, i) => joined(Uint8Array.of(i), bytes)),
      generated: withSelector(fc.oneof(randomTlv(), randomBytes(2048))),
      structure: { tlv: true },
      mode: 'sync',
      execute: (input) => {
        const name = TRUST_FILE_NAMES[(input[0] ?? 0) % TRUST_FILE_NAMES.length] ?? 'x'
        const store = createTrustStore([{ name, bytes: input.subarray(1) }])
        return store.anchors.length
      },
      isTyped: () => false,
    }
  },
}

/** "internal error" is how passive authentication reports its own defects: never acceptable. */
function internalError(result: unknown): string | null {
  const pa = (result as { pa: PassiveAuthenticationResult }).pa
  const detail = pa.checks.sodParsed.detail ?? ''
  return detail.startsWith('internal error')
    ? `passive authentication hit its own defect: ${detail}`
    : null
}

export const cardVerify: FuzzTarget = {
  name: 'card-verify',
  parses:
    'passiveAuthentication over a card dump (EF.SOD and DGs), then formatPassiveAuth and JSON, as `kiosk card verify` prints them; the first byte picks the chip (high bits) and the file replaced by the rest (low bits: 0 EF.SOD, n the n-th DG)',
  typedErrors:
    'none (a verdict, never a throw); a verdict that reports an internal error is a failure',
  setup: () => {
    const chips = simulatedChips()
    const trust: TrustStore = createTrustStore([
      { name: 'csca.pem', bytes: Buffer.from(fixturePki().csca.certificatePem) },
    ])
    const seeds = chips.flatMap((chip, c) => {
      const files = [chip.sod, ...[...chip.dataGroups.values()]]
      return files.map((file, f) => joined(Uint8Array.of((c << 4) | f), file))
    })
    return {
      seeds,
      generated: withSelector(fc.oneof(randomTlv(), randomBytes(512))),
      structure: { tlv: true },
      mode: 'sync',
      execute: (input) => {
        const selector = input[0] ?? 0
        const chip = chips[(selector >> 4) % chips.length] ?? chips[0]!
        const numbers = [...chip.dataGroups.keys()]
        const which = (selector & 0x0f) % (numbers.length + 1)
        const dataGroups = new Map(chip.dataGroups)
        let sodBytes = chip.sod
        if (which === 0) sodBytes = input.subarray(1)
        else dataGroups.set(numbers[which - 1]!, input.subarray(1))
        const pa = passiveAuthentication({ sod: sodBytes, dataGroups, trust, now: FUZZ_NOW })
        return { pa, text: formatPassiveAuth(pa), json: JSON.stringify(pa) }
      },
      isTyped: () => false,
      checkResult: internalError,
    }
  },
}
