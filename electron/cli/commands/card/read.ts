import { randomBytes as nodeRandomBytes } from 'node:crypto'
import { performance } from 'node:perf_hooks'
import { AccessDeniedError, IcaoProtocolError } from '../../../../drivers/smartcard'
import { displayableFaceImage } from '../../../../drivers/smartcard'
import { ApduChannel } from '../../../../drivers/smartcard'
import { CardError } from '../../../../drivers/smartcard'
import { CountingLink } from '../../../../drivers/smartcard'
import { readDocument } from '../../../../drivers/smartcard'
import { summarizeRead } from '../../../../drivers/smartcard'
import { syntheticCitizen } from '../../../../drivers/smartcard'
import { parseCommandArgs } from '../../args'
import { CliError, type CliIo } from '../../output'
import { loadCliConfig } from '../load-config'
import { scenarioFlag } from '../scenario-flag'
import { accessKeyFromFlags } from './access-key-flags'
import { connectPcscCard, connectSimulatedCard, type ConnectedCard } from './card-source'
import { writeDump } from './dump-files'
import { formatReadSummary } from './format'
import { loadCliTrust } from './trust'
import { EXIT_VERIFICATION_FAILED } from './verify'

export const EXIT_ACCESS_DENIED = 2
export const EXIT_NO_CARD = 3

/** Card errors that mean "nothing to read here": no reader, no card, no PC/SC. */
const NO_CARD_CODES = new Set(['READER_NOT_FOUND', 'NO_CARD', 'PCSC_UNAVAILABLE', 'CARD_REMOVED'])

/**
 * `kiosk card read [--reader NAME] (--can DIGITS | --id ID12 | --mrz-info DOCNO,YYMMDD,YYMMDD)
 * [--trust DIR] [--out DIR] [--json]`. With `--devices simulated` (flag, environment or config file)
 * it reads the in-process virtual CCCD (`--scenario NAME`) instead of a PC/SC reader.
 */
export async function cardReadCommand(
  argv: readonly string[],
  io: CliIo,
  env: NodeJS.ProcessEnv,
): Promise<number> {
  const { values } = parseCommandArgs(argv, {
    reader: { type: 'string' },
    can: { type: 'string' },
    id: { type: 'string' },
    'mrz-info': { type: 'string' },
    trust: { type: 'string' },
    out: { type: 'string' },
    json: { type: 'boolean' },
    scenario: { type: 'string' },
  })
  const key = accessKeyFromFlags(values)
  const { config, sources } = loadCliConfig(argv, env)
  // The kiosk defaults to simulated devices; a card read asked for on the command line means the
  // reader on the desk unless simulation is asked for explicitly.
  const simulated = config.devices === 'simulated' && sources.devices !== 'default'
  const scenario = values.scenario === undefined ? undefined : scenarioFlag(values.scenario)
  const baseTrust = await loadCliTrust(values.trust)
  let card: ConnectedCard
  try {
    card = simulated
      ? connectSimulatedCard({
          ...(scenario ? { scenario } : {}),
          // A training read with --id gets that citizen's card; otherwise the default one.
          ...(values.id
            ? { citizen: syntheticCitizen(values.id, { today: new Date(), idNumber: values.id }) }
            : {}),
        })
      : await connectPcscCard(values.reader)
  } catch (error) {
    throw asCliError(error)
  }
  const started = performance.now()
  try {
    const counting = new CountingLink(card.link)
    const channel = new ApduChannel(counting, { extendedLength: card.extendedLength })
    const read = await readDocument(channel, {
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
    let written: string[] = []
    if (values.out !== undefined) {
      const face = read.face ? await displayableFaceImage(read.face) : null
      written = await writeDump(
        values.out,
        read.files,
        face
          ? { extension: face.mimeType === 'image/png' ? 'png' : 'jpg', bytes: face.bytes }
          : null,
      )
    }
    io.out(
      values.json
        ? JSON.stringify(
            { reader: card.reader, ...summary, ...(values.out ? { written } : {}) },
            null,
            2,
          )
        : `Đầu đọc / Reader: ${card.reader}\n${formatReadSummary(summary)}`,
    )
    const failed =
      summary.passiveAuth.verdict === 'invalid' ||
      (values.trust !== undefined && summary.passiveAuth.verdict === 'untrusted') ||
      summary.chipAuth.verdict === 'failed' ||
      summary.activeAuth.verdict === 'failed'
    return failed ? EXIT_VERIFICATION_FAILED : 0
  } catch (error) {
    throw asCliError(error)
  } finally {
    await card.close()
  }
}

function asCliError(error: unknown): unknown {
  if (error instanceof AccessDeniedError) {
    return new CliError(error.vi, error.en, error.detail, EXIT_ACCESS_DENIED)
  }
  if (error instanceof CardError) {
    return new CliError(
      error.vi,
      error.en,
      error.detail ?? null,
      NO_CARD_CODES.has(error.code) ? EXIT_NO_CARD : 1,
    )
  }
  if (error instanceof IcaoProtocolError) return new CliError(error.vi, error.en, error.detail, 1)
  return error
}
