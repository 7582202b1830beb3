import { randomBytes as nodeRandomBytes } from 'node:crypto'
import { performance } from 'node:perf_hooks'
import {
  AccessDeniedError,
  ApduChannel,
  CardError,
  CountingLink,
  IcaoProtocolError,
  displayableFaceImage,
  readDocument,
  readerLimitOf,
  summarizeRead,
  syntheticCitizen,
  type LengthLimits,
  type ReadSummary,
  type ReaderLimit,
} from '../../../../drivers/smartcard'
import { parseCommandArgs } from '../../args'
import { EXIT } from '../../exit-codes'
import { CliError, type CliIo } from '../../output'
import { loadCliConfig } from '../load-config'
import { scenarioFlag } from '../scenario-flag'
import { accessKeyFromFlags } from './access-key-flags'
import { connectPcscCard, connectSimulatedCard, type ConnectedCard } from './card-source'
import { writeDump } from './dump-files'
import { formatReadSummary } from './format'
import { loadCliTrust } from './trust'
import { bilingualMessage } from '../../../../lib/messages'

/** Card errors that mean "nothing to read here": no reader, no card, no PC/SC. */
const NO_CARD_CODES = new Set(['READER_NOT_FOUND', 'NO_CARD', 'PCSC_UNAVAILABLE', 'CARD_REMOVED'])

const READ_OPTIONS = {
  reader: { type: 'string' },
  can: { type: 'string' },
  id: { type: 'string' },
  'mrz-info': { type: 'string' },
  trust: { type: 'string' },
  out: { type: 'string' },
  json: { type: 'boolean' },
  scenario: { type: 'string' },
} as const

type ReadFlags = ReturnType<typeof parseCommandArgs<typeof READ_OPTIONS>>['values']

/**
 * `kiosk card read [--reader NAME] (--can DIGITS | --id ID12 | --mrz-info DOCNO,YYMMDD,YYMMDD)
 * [--trust DIR] [--out DIR] [--json]`, on the configured devices: with `--devices simulated` (the
 * default) the in-process virtual CCCD (`--scenario NAME`), otherwise a PC/SC reader (`--reader`).
 */
export async function cardReadCommand(
  argv: readonly string[],
  io: CliIo,
  env: NodeJS.ProcessEnv,
): Promise<number> {
  const { values } = parseCommandArgs(argv, READ_OPTIONS)
  const key = accessKeyFromFlags(values)
  const { config } = loadCliConfig(argv, env)
  const simulated = config.devices === 'simulated'
  if (simulated && values.reader !== undefined) {
    throw new CliError('cli.errors.readerInSimulation', {}, EXIT.USAGE, `--reader ${values.reader}`)
  }
  if (!simulated && values.scenario !== undefined) {
    throw new CliError(
      'cli.errors.scenarioNeedsSimulation',
      { devices: config.devices },
      EXIT.USAGE,
    )
  }
  const baseTrust = await loadCliTrust(values.trust)
  const card = await connectCard(simulated, values).catch((error: unknown) => {
    throw asCliError(error)
  })
  const started = performance.now()
  try {
    const counting = new CountingLink(card.link)
    // No length flag: the reader decides from the card's ATR, EF.ATR/INFO and the reader's limit.
    const read = await readDocument(new ApduChannel(counting), {
      key,
      trust: card.trustExtra(baseTrust),
      randomBytes: (n) => new Uint8Array(nodeRandomBytes(n)),
      now: () => new Date(),
      onProgress: values.json
        ? undefined
        : (p) => {
            if (p.bytesRead === p.total) io.err(`  ${p.file}: ${p.total} B`)
          },
    })
    const summary = summarizeRead(read, counting.counts, performance.now() - started)
    const lengths = { ...read.lengths, reader: await readerLimitOf(card.link) }
    const written = values.out === undefined ? [] : await writeReadDump(values.out, read)
    io.out(formatReadOutput(card.reader, { ...summary, lengths }, values, written))
    return readVerdict(summary, values.trust !== undefined)
  } catch (error) {
    throw asCliError(error)
  } finally {
    await card.close()
  }
}

/** The virtual CCCD (a training read with --id gets that citizen's card) or the PC/SC reader. */
async function connectCard(simulated: boolean, values: ReadFlags): Promise<ConnectedCard> {
  if (!simulated) return connectPcscCard(values.reader)
  const scenario = values.scenario === undefined ? undefined : scenarioFlag(values.scenario)
  return connectSimulatedCard({
    ...(scenario ? { scenario } : {}),
    ...(values.id
      ? { citizen: syntheticCitizen(values.id, { today: new Date(), idNumber: values.id }) }
      : {}),
  })
}

async function writeReadDump(
  out: string,
  read: Awaited<ReturnType<typeof readDocument>>,
): Promise<string[]> {
  const face = read.face ? await displayableFaceImage(read.face) : null
  return writeDump(
    out,
    read.files,
    face ? { extension: face.mimeType === 'image/png' ? 'png' : 'jpg', bytes: face.bytes } : null,
  )
}

type ReadLengths = LengthLimits & { reader: ReaderLimit }

/** "APDU lengths: extended, ≤ 65536 B (ef-atr-info); reader limit: not reported (control-refused)". */
function formatLengths(lengths: ReadLengths): string {
  const kind = bilingualMessage(
    lengths.extended ? 'cli.text.extendedLength' : 'cli.text.shortLength',
  )
  const reader = lengths.reader.reported
    ? `${lengths.reader.maxApduData} B`
    : `${bilingualMessage('cli.text.notReported')} (${lengths.reader.reason})`
  return (
    `${bilingualMessage('cli.text.apduLengths')}: ${kind}, ≤ ${lengths.maxResponseData} B (${lengths.source}); ` +
    `${bilingualMessage('cli.text.readerLimit')}: ${reader}`
  )
}

function formatReadOutput(
  reader: string,
  summary: ReadSummary & { lengths: ReadLengths },
  values: ReadFlags,
  written: string[],
): string {
  if (!values.json) {
    const text = formatReadSummary(summary)
    return `${bilingualMessage('cli.text.reader')}: ${reader}\n${text}\n${formatLengths(summary.lengths)}`
  }
  return JSON.stringify({ reader, ...summary, ...(values.out ? { written } : {}) }, null, 2)
}

/** EXIT.VERIFICATION_FAILED when a check failed (an untrusted CSCA counts when --trust was given). */
function readVerdict(summary: ReadSummary, trustGiven: boolean): number {
  const failed =
    summary.passiveAuth.verdict === 'invalid' ||
    (trustGiven && summary.passiveAuth.verdict === 'untrusted') ||
    summary.chipAuth.verdict === 'failed' ||
    summary.activeAuth.verdict === 'failed'
  return failed ? EXIT.VERIFICATION_FAILED : EXIT.OK
}

function asCliError(error: unknown): unknown {
  if (error instanceof AccessDeniedError) return CliError.fromDriver(error, EXIT.ACCESS_DENIED)
  if (error instanceof CardError) {
    return CliError.fromDriver(error, NO_CARD_CODES.has(error.code) ? EXIT.NO_DEVICE : EXIT.FAILED)
  }
  if (error instanceof IcaoProtocolError) return CliError.fromDriver(error, EXIT.FAILED)
  return error
}
