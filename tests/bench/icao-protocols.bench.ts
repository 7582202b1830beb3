import { randomBytes } from 'node:crypto'
import type { AccessKey } from '../../drivers/smartcard/icao9303/access-key'
import { BacCardResponder } from '../../drivers/smartcard/icao9303/bac/bac-card'
import { performBac } from '../../drivers/smartcard/icao9303/bac/bac-terminal'
import type { IcaoCipher } from '../../drivers/smartcard/icao9303/crypto/cipher'
import { PaceCardResponder } from '../../drivers/smartcard/icao9303/pace/pace-card'
import { performPace } from '../../drivers/smartcard/icao9303/pace/pace-terminal'
import { paceOid, type PaceInfo } from '../../drivers/smartcard/icao9303/security-infos'
import { SecureMessagingChannel } from '../../drivers/smartcard/icao9303/sm/secure-messaging-channel'
import { SmCardSession } from '../../drivers/smartcard/icao9303/sm/sm-card-session'
import type { CardStepResult } from '../../drivers/smartcard/icao9303/sm/session-keys'
import type { CardChannel, CommandApdu, ResponseApdu } from '../../drivers/smartcard/iso7816/apdu'
import type { BenchSuite } from './run'
import { formatTiming, time } from './stats'

const can: AccessKey = { kind: 'CAN', can: '012345' }
const mrz: Extract<AccessKey, { kind: 'MRZ' }> = {
  kind: 'MRZ',
  documentNumber: '099012345',
  dateOfBirth: '990315',
  dateOfExpiry: '390315',
}

/** The chip side answering in-process; records its answers so the terminal can be timed alone. */
class InProcessChip implements CardChannel {
  readonly extendedLength = false
  readonly answers: ResponseApdu[] = []
  constructor(private readonly handle: (c: CommandApdu) => CardStepResult | undefined) {}
  async transmit(command: CommandApdu): Promise<ResponseApdu> {
    const response = this.handle(command)?.response ?? { data: new Uint8Array(0), sw: 0x6d00 }
    this.answers.push(response)
    return response
  }
}

/** Replays recorded chip answers: what remains is the terminal's own work. */
class Replay implements CardChannel {
  readonly extendedLength = false
  private at = 0
  constructor(private readonly answers: readonly ResponseApdu[]) {}
  async transmit(): Promise<ResponseApdu> {
    const answer = this.answers[this.at++ % this.answers.length]
    if (!answer) throw new Error('nothing recorded')
    return answer
  }
}

/** Terminal randomness recorded once and replayed, so the replayed chip answers still fit. */
function recorded(): {
  random: (n: number) => Uint8Array
  replay: () => (n: number) => Uint8Array
} {
  const draws: Uint8Array[] = []
  return {
    random: (n) => {
      const bytes = new Uint8Array(randomBytes(n))
      draws.push(bytes)
      return bytes
    },
    replay: () => {
      let i = 0
      return () => draws[i++ % draws.length] ?? new Uint8Array(0)
    },
  }
}

/** ICAO protocol costs: the CCCD runs PACE (AES-128, brainpoolP256r1) within a 30 ms read budget. */
export const icaoProtocolsBench: BenchSuite = {
  name: 'icao',
  description: 'PACE, BAC and secure messaging (terminal side, chip answers replayed)',
  async run(print) {
    const setups: [string, IcaoCipher, number][] = [
      ['PACE terminal AES-128 brainpoolP256r1', 'AES-128', 13],
      ['PACE terminal AES-128 P-256', 'AES-128', 12],
      ['PACE terminal AES-256 brainpoolP384r1', 'AES-256', 16],
      ['PACE terminal 3DES brainpoolP256r1', '3DES', 13],
    ]
    for (const [label, cipher, parameterId] of setups) {
      const info: PaceInfo = {
        type: 'PACEInfo',
        protocol: paceOid('ECDH-GM', cipher),
        version: 2,
        parameterId,
      }
      const card = new PaceCardResponder({
        accessKeys: [can],
        protocol: info.protocol,
        parameterId,
        randomBytes: (n) => new Uint8Array(randomBytes(n)),
      })
      const chip = new InProcessChip((c) => card.handle(c))
      const terminalRandom = recorded()
      await performPace(chip, can, info, terminalRandom.random)
      const answers = [...chip.answers]
      print(
        formatTiming(
          label,
          await time(
            () => performPace(new Replay(answers), can, info, terminalRandom.replay()),
            50,
            5,
          ),
        ),
      )
      if (parameterId === 13 && cipher === 'AES-128') {
        const both = await time(
          async () => {
            const fresh = new PaceCardResponder({
              accessKeys: [can],
              protocol: info.protocol,
              parameterId,
              randomBytes: (n) => new Uint8Array(randomBytes(n)),
            })
            const channel = new InProcessChip((c) => fresh.handle(c))
            await performPace(channel, can, info, (n) => new Uint8Array(randomBytes(n)))
          },
          30,
          5,
        )
        print(formatTiming('PACE terminal + virtual chip (AES-128 bp256)', both))
      }
    }

    const bacCard = new BacCardResponder(mrz, (n) => new Uint8Array(randomBytes(n)))
    print(
      formatTiming(
        'BAC terminal + virtual chip',
        await time(
          () =>
            performBac(
              new InProcessChip((c) => bacCard.handle(c)),
              mrz,
              (n) => new Uint8Array(randomBytes(n)),
            ),
          200,
        ),
      ),
    )

    // One protected READ BINARY of 223 bytes, wrapped and unwrapped on both sides.
    const keys = {
      cipher: 'AES-128' as const,
      encKey: new Uint8Array(randomBytes(16)),
      macKey: new Uint8Array(randomBytes(16)),
      ssc: 0n,
    }
    const cardSession = new SmCardSession(keys)
    const block = new Uint8Array(223).fill(0x5a)
    const loop: CardChannel = {
      extendedLength: false,
      async transmit(command) {
        const unwrapped = cardSession.unwrapCommand(command)
        if (unwrapped.kind !== 'protected') throw new Error(unwrapped.kind)
        return cardSession.wrapResponse({ data: block, sw: 0x9000 })
      },
    }
    const sm = new SecureMessagingChannel(loop, keys)
    print(
      formatTiming(
        'SM AES READ BINARY 223 B (both sides)',
        await time(() => sm.transmit({ cla: 0, ins: 0xb0, p1: 0, p2: 0, le: 223 }), 2000),
      ),
    )
  },
}
