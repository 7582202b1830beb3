import { existsSync } from 'node:fs'
import { asPcscBinding, pcscdSocketPath, type PcscBinding } from '../../../../drivers/smartcard'
import { errorMessage } from '../../../contract'
import { importPcsclite } from '../../../../lib/native-modules'

export interface PcscReader {
  name: string
  cardPresent: boolean
  atr?: string
}

export type PcscProbe =
  | { available: true; readers: PcscReader[] }
  | {
      available: false
      readers: []
      reason: 'pcsc-binding-missing' | 'pcscd-down' | 'pcsc-error'
      detail: string
    }

export { pcscdSocketPath }

/**
 * Lists PC/SC readers and whether a card is in each. On Linux the daemon's socket is checked
 * first: without pcscd, SCardEstablishContext blocks the whole Node thread instead of failing.
 */
export async function probePcsc(
  options: { settleMs?: number; platform?: NodeJS.Platform } = {},
): Promise<PcscProbe> {
  const settleMs = options.settleMs ?? 300
  if ((options.platform ?? process.platform) === 'linux' && !existsSync(pcscdSocketPath())) {
    return {
      available: false,
      readers: [],
      reason: 'pcscd-down',
      detail: `pcscd is not running (no socket at ${pcscdSocketPath()})`,
    }
  }
  let factory: PcscBinding
  try {
    factory = asPcscBinding(await importPcsclite())
  } catch (error) {
    return {
      available: false,
      readers: [],
      reason: 'pcsc-binding-missing',
      detail: `PC/SC binding not installed: ${(error as Error).message}`,
    }
  }
  return new Promise((resolve) => {
    const found = new Map<string, PcscReader>()
    const opened: { close(): void }[] = []
    let failure: string | null = null
    let pcsc: ReturnType<typeof factory>
    try {
      pcsc = factory()
    } catch (error) {
      resolve({
        available: false,
        readers: [],
        reason: 'pcsc-error',
        detail: (error as Error).message,
      })
      return
    }
    pcsc.on('error', (error: unknown) => {
      failure = errorMessage(error)
    })
    pcsc.on('reader', (reader) => {
      opened.push(reader)
      found.set(reader.name, { name: reader.name, cardPresent: false })
      reader.on('error', () => undefined)
      reader.on('status', (status) => {
        const present = (status.state & reader.SCARD_STATE_PRESENT) !== 0
        found.set(reader.name, {
          name: reader.name,
          cardPresent: present,
          ...(present && status.atr ? { atr: status.atr.toString('hex').toUpperCase() } : {}),
        })
      })
    })
    setTimeout(() => {
      for (const reader of opened) reader.close()
      pcsc.close()
      if (failure !== null && found.size === 0) {
        resolve({ available: false, readers: [], reason: 'pcsc-error', detail: failure })
      } else {
        resolve({ available: true, readers: [...found.values()] })
      }
    }, settleMs)
  })
}
