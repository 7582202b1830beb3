import { fromHex, hex } from '../../../lib/bytes'
import type { CardLink } from '../iso7816/apdu'

/**
 * A CardLink that plays a recorded transcript: each transmit must send the next expected command
 * and gets its recorded answer. For replaying published APDU traces (ICAO worked examples) and for
 * card behaviour the simulator does not produce. A wrong or extra command throws.
 */
export class ScriptedLink implements CardLink {
  private readonly script: { command: string; response: Uint8Array }[] = []
  readonly sent: Uint8Array[] = []

  constructor(exchanges: readonly (readonly [command: string, response: string])[] = []) {
    for (const [command, response] of exchanges) this.expect(command, response)
  }

  expect(command: string, response: string): this {
    this.script.push({ command: hex(fromHex(command)), response: fromHex(response) })
    return this
  }

  /** Exchanges still expected. */
  get remaining(): number {
    return this.script.length
  }

  async transmit(command: Uint8Array): Promise<Uint8Array> {
    this.sent.push(command.slice())
    const next = this.script.shift()
    const got = hex(command)
    if (!next) throw new Error(`ScriptedLink: unexpected command ${got} after the script ended`)
    if (next.command !== got) {
      throw new Error(`ScriptedLink: expected ${next.command}, got ${got}`)
    }
    return next.response.slice()
  }
}
