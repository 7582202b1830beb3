import { tlv } from '../../lib/asn1/tlv'
import {
  generateActiveAuthenticationKey,
  signActiveAuthenticationChallenge,
} from '../../drivers/smartcard/icao9303/aa/aa-signer'
import { performActiveAuthentication } from '../../drivers/smartcard/icao9303/aa/active-authentication'
import { passiveAuthentication } from '../../drivers/smartcard/icao9303/pa/passive-authentication'
import { buildSod } from '../../drivers/smartcard/icao9303/sod/sod-builder'
import type { CardChannel } from '../../drivers/smartcard/iso7816/apdu'
import { createSimPki, type SimKeyAlgorithm } from '../../drivers/smartcard/pki/sim-pki'
import { createTrustStore } from '../../drivers/smartcard/pki/trust-store'
import type { BenchSuite } from './run'
import { formatTiming, time } from './stats'

/** Passive and Active Authentication: both sit inside the 30 ms CPU budget of one card read. */
export const paBench: BenchSuite = {
  name: 'pa',
  description: 'EF.SOD passive authentication and active authentication (verifier side)',
  async run(print) {
    const now = new Date('2026-03-01T00:00:00Z')
    // A CCCD-sized read: DG1, a ~20 kB DG2 portrait, DG13, DG14, DG15.
    const dataGroups = new Map<number, Uint8Array>([
      [1, tlv(0x61, tlv(0x5f1f, new Uint8Array(90).fill(0x3c)))],
      [2, tlv(0x75, new Uint8Array(20_000).fill(0x42))],
      [13, tlv(0x6d, new Uint8Array(600).fill(0x30))],
      [14, tlv(0x6e, new Uint8Array(300).fill(0x31))],
      [15, tlv(0x6f, new Uint8Array(300).fill(0x32))],
    ])
    const setups: [string, SimKeyAlgorithm, SimKeyAlgorithm][] = [
      ['PA  DS P-256 / CSCA P-256', 'ecdsa-p256', 'ecdsa-p256'],
      ['PA  DS brainpoolP256 / CSCA same', 'ecdsa-brainpool-p256', 'ecdsa-brainpool-p256'],
      ['PA  DS RSA-2048 / CSCA RSA-2048', 'rsa-2048', 'rsa-2048'],
      ['PA  DS RSA-2048 / CSCA RSA-3072', 'rsa-2048', 'rsa-3072'],
    ]
    for (const [label, ds, csca] of setups) {
      const pki = createSimPki({ now, documentSignerAlgorithm: ds, cscaAlgorithm: csca })
      const trust = createTrustStore([{ name: 'csca.der', bytes: pki.csca.certificateDer }])
      const sod = buildSod({
        hashAlgorithm: 'sha256',
        dataGroups,
        signer: {
          certificateDer: pki.documentSigner.certificateDer,
          privateKey: pki.documentSigner.privateKey,
        },
      })
      const check = passiveAuthentication({ sod, dataGroups, trust, now })
      if (check.verdict !== 'valid') throw new Error(`bench setup: ${check.failed}`)
      print(
        formatTiming(
          label,
          await time(() => passiveAuthentication({ sod, dataGroups, trust, now }), 200),
        ),
      )
    }

    const challenge = (n: number) => new Uint8Array(n).fill(7)
    for (const [label, spec] of [
      ['AA  RSA-1024 ISO 9796-2', { type: 'rsa', modulusBits: 1024 }],
      ['AA  RSA-2048 ISO 9796-2', { type: 'rsa', modulusBits: 2048 }],
      ['AA  ECDSA P-256 plain', { type: 'ec', curve: 'prime256v1' }],
    ] as const) {
      const key = generateActiveAuthenticationKey(spec)
      const answer = signActiveAuthenticationChallenge(key.privateKey, challenge(8))
      const channel: CardChannel = {
        extendedLength: false,
        transmit: async () => ({ data: answer, sw: 0x9000 }),
      }
      const run = () => performActiveAuthentication(channel, key.publicKey, challenge)
      if ((await run()).verdict !== 'passed') throw new Error(`bench setup: ${label}`)
      print(formatTiming(`${label} (verify only)`, await time(run, 500)))
    }
  },
}
