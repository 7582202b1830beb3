import { randomBytes } from 'node:crypto'
import { CardError } from '../../../drivers/smartcard'
import { KioskError } from '../../contract'
import {
  syntheticEnrollmentParts,
  type Submit,
  type SubmitInput,
  type SubmitResult,
} from '../../core/queue'
import type { PacketPartInput } from '../../../protocol/packet'
import { parseCommandArgs } from '../args'
import { CliError, type CliIo } from '../output'
import { stationSimPki } from './sim/sim-pki'
import { openStationCore, type StationCore } from './station-core'
import { createSecretReader } from './officers/read-secret'
import { signInOrFail } from './officers/cli-session'
import { bilingualMessage } from '../../../lib/messages'
import { scenarioFlag } from './scenario-flag'
import { EXIT } from '../exit-codes'

/**
 * `kiosk sim enroll --count N [--scenario NAME] [--citizen PREFIX] [--as USER] [--json]`:
 * builds N complete simulated enrollment files through the real submit path (sign, encrypt,
 * outbox, queue, audit) and prints each file id once it is committed. Each citizen's virtual CCCD
 * (signed by the station's simulator PKI) is read for the chip parts and ten synthetic fingers are
 * recorded; the portrait and document stay marked placeholders. `--placeholders [--size BYTES]`
 * makes all-placeholder filler files instead, instantly and of any size, for load and fault tests.
 * Against the training upstream the files name the clearly marked training officer; against a
 * real upstream an officer signs in (`--as USER`, the password on standard input).
 */
export async function simEnrollCommand(
  argv: readonly string[],
  io: CliIo,
  env: NodeJS.ProcessEnv,
): Promise<number> {
  const { values } = parseCommandArgs(argv, {
    count: { type: 'string' },
    size: { type: 'string' },
    placeholders: { type: 'boolean' },
    scenario: { type: 'string' },
    citizen: { type: 'string' },
    as: { type: 'string' },
    json: { type: 'boolean' },
  })
  const count = Number(values.count ?? '1')
  const size = Number(values.size ?? String(512 * 1024))
  if (!Number.isInteger(count) || count < 1)
    throw new CliError('cli.errors.invalidCount', {}, EXIT.USAGE, String(values.count))
  if (values.size !== undefined && !values.placeholders)
    throw new CliError(
      'cli.errors.sizeNeedsPlaceholders',
      {},
      EXIT.USAGE,
      'real chip and finger records have their own size',
    )
  if (!Number.isInteger(size) || size < 4096 || size > 32 * 1024 * 1024)
    throw new CliError('cli.errors.invalidSize', {}, EXIT.USAGE, String(values.size))
  const scenario = scenarioFlag(values.scenario ?? 'default')
  // Each run enrolls new citizens unless a prefix is given (same prefix, same citizens).
  const prefix = values.citizen ?? `sim-${randomBytes(4).toString('hex')}`

  // A station with no upstream registers with the training upstream first, as `npm run host` does.
  const station = await openStationCore(argv, env, { withUpstream: true })
  try {
    const officerId = await submittingOfficer(station, values.as, io)
    let nextParts: (index: number) => Promise<PacketPartInput[]>
    if (values.placeholders) {
      nextParts = async () => syntheticEnrollmentParts(randomBytes, size)
    } else {
      const { pki } = await stationSimPki(station.core.config.dataDir, new Date())
      // Loaded only here: the chip reader and the fingerprint simulator are heavy to import.
      const { createSimulatedEnrollmentSource } =
        await import('../../core/queue/sim-enrollment-source')
      const source = createSimulatedEnrollmentSource({
        pki,
        now: () => new Date(),
        randomBytes,
        scenario,
      })
      nextParts = async (index) => (await source.enrollment(`${prefix}-${index + 1}`)).parts
    }
    const ids: string[] = []
    const started = performance.now()
    for (let i = 0; i < count; i++) {
      const startedAt = new Date().toISOString()
      const result = submit((input) => station.core.submit(input), {
        officerId,
        startedAt,
        parts: await readCard(() => nextParts(i)),
        simulated: true,
      })
      ids.push(result.fileId)
      if (!values.json) io.out(`submitted ${result.fileId} ${result.size}`)
    }
    const secondsPerFile = (performance.now() - started) / 1000 / count
    if (values.json)
      io.out(JSON.stringify({ submitted: ids, secondsPerFile: Number(secondsPerFile.toFixed(3)) }))
    return 0
  } finally {
    await station.close()
  }
}

/** The training officer on the training upstream; a signed-in officer anywhere else. */
export const TRAINING_OFFICER_ID = 'training-officer'

async function submittingOfficer(
  station: StationCore,
  username: string | undefined,
  io: CliIo,
): Promise<string> {
  const upstream = station.core.queue.upstream()
  if (username === undefined) {
    if (upstream?.training) {
      io.err(bilingualMessage('cli.text.trainingOfficer', { officer: TRAINING_OFFICER_ID }))
      return TRAINING_OFFICER_ID
    }
    throw new CliError('cli.errors.signInRequired', {}, EXIT.USAGE)
  }
  const secrets = createSecretReader()
  try {
    const password = await secrets.read('cli.text.officerPasswordPrompt', { username })
    const officer = await signInOrFail(station, username, password)
    return officer.officerId
  } finally {
    secrets.close()
  }
}

function submit(submitFile: Submit, input: SubmitInput): SubmitResult {
  try {
    return submitFile(input)
  } catch (error) {
    if (error instanceof KioskError && error.code === 'E_FROZEN')
      throw new CliError('cli.errors.enrollmentRefused', {}, EXIT.NO_DEVICE, error.message)
    throw error
  }
}

/** A fault scenario (card pulled out, corrupted answer) fails the command with the reader's words. */
async function readCard(read: () => Promise<PacketPartInput[]>): Promise<PacketPartInput[]> {
  try {
    return await read()
  } catch (error) {
    if (error instanceof CardError) throw CliError.fromDriver(error, EXIT.NO_DEVICE)
    throw error
  }
}
