import { FINGER_POSITIONS, MOSIP_FINGER_SUBTYPE, type FingerName } from '../finger-image'
import { RecordParseError } from './errors'
import { element, parseXml, serialiseXml, type XmlElement } from './xml'

/**
 * The CBEFF envelope sent upstream: ISO/IEC 19785-3 XML patron format as MOSIP uses it (research note
 * §4.7). One child BIR per finger: BDBInfo (index UUID, format 257/7 = ISO 19794-4 finger image,
 * creation date, type, subtype, level, purpose, quality), BDB (base64 FIR) and `others` entries.
 * A finger excused with an approved exception gets a BIR without BDB and EXCEPTION=true.
 */
export const CBEFF_NAMESPACE = 'http://standards.iso.org/iso-iec/19785/-3/ed-2/'
/** IBIA patron format owner 257, format type 7: finger image (ISO 19794-4). */
export const FINGER_IMAGE_FORMAT = { organization: 257, type: 7 } as const

/** MOSIP SBI / CBEFF subtype names, by our finger names. */
export const CBEFF_FINGER_SUBTYPE: Record<FingerName, string> = MOSIP_FINGER_SUBTYPE

export interface CbeffQuality {
  /** Who defines the algorithm (e.g. "NIST" for a device NFIQ 2, "KIOSK" for our own score). */
  algorithmOrganization: string
  algorithmType: string
  score: number
}

export interface CbeffFingerEntry {
  finger: FingerName
  /** ISO 19794-4 record; absent for an excused finger. */
  record?: Uint8Array
  quality?: CbeffQuality
  /** Extra key/value pairs (RETRIES, FORCE_CAPTURED, EXCEPTION, EXCEPTION_REASON, …). */
  others?: Record<string, string>
}

export interface CbeffBuildContext {
  now: () => Date
  randomBytes: (n: number) => Uint8Array
  purpose?: 'Enroll' | 'Verify' | 'Identify'
}

function uuidV4(bytes: Uint8Array): string {
  const b = Uint8Array.from(bytes.subarray(0, 16))
  b[6] = ((b[6] ?? 0) & 0x0f) | 0x40
  b[8] = ((b[8] ?? 0) & 0x3f) | 0x80
  const h = Buffer.from(b).toString('hex')
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`
}

const version = (name: string) => element(name, [element('Major', ['1']), element('Minor', ['1'])])

export function buildCbeffXml(
  entries: readonly CbeffFingerEntry[],
  context: CbeffBuildContext,
): string {
  const created = context.now().toISOString()
  const birs = entries.map((entry) => {
    const info: XmlElement[] = [
      element('Index', [uuidV4(context.randomBytes(16))]),
      element('Format', [
        element('Organization', [String(FINGER_IMAGE_FORMAT.organization)]),
        element('Type', [String(FINGER_IMAGE_FORMAT.type)]),
      ]),
      element('CreationDate', [created]),
      element('Type', ['Finger']),
      element('Subtype', [CBEFF_FINGER_SUBTYPE[entry.finger]]),
      element('Level', ['Raw']),
      element('Purpose', [context.purpose ?? 'Enroll']),
    ]
    if (entry.quality) {
      info.push(
        element('Quality', [
          element('Algorithm', [
            element('Organization', [entry.quality.algorithmOrganization]),
            element('Type', [entry.quality.algorithmType]),
          ]),
          element('Score', [String(entry.quality.score)]),
        ]),
      )
    }
    const children: XmlElement[] = [
      version('Version'),
      version('CBEFFVersion'),
      element('BIRInfo', [element('Integrity', ['false'])]),
      element('BDBInfo', info),
    ]
    if (entry.record) children.push(element('BDB', [Buffer.from(entry.record).toString('base64')]))
    const others = Object.entries(entry.others ?? {})
    if (others.length) {
      children.push(
        element(
          'others',
          others.map(([key, value]) => element('entry', [value], { key })),
        ),
      )
    }
    return element('BIR', children)
  })
  return serialiseXml(
    element(
      'BIR',
      [
        version('Version'),
        version('CBEFFVersion'),
        element('BIRInfo', [element('Integrity', ['false'])]),
        ...birs,
      ],
      {
        xmlns: CBEFF_NAMESPACE,
      },
    ),
  )
}

export interface ParsedCbeffEntry {
  index: string
  finger: FingerName | null
  subtype: string
  creationDate: string
  purpose: string
  level: string
  format: { organization: number; type: number }
  quality: CbeffQuality | null
  record: Uint8Array | null
  others: Record<string, string>
}

function child(e: XmlElement, name: string): XmlElement | undefined {
  return e.children.find((c) => c.name === name)
}

function required(e: XmlElement, name: string): XmlElement {
  const c = child(e, name)
  if (!c) throw new RecordParseError('cbeff', `<${e.name}> has no <${name}>`)
  return c
}

function integer(e: XmlElement, name: string): number {
  const text = required(e, name).text.trim()
  if (!/^\d{1,9}$/.test(text)) throw new RecordParseError('cbeff', `<${name}> is not a number`)
  return Number(text)
}

/** Reads the envelope back; throws RecordParseError on malformed XML or a BIR missing its parts. */
export function parseCbeffXml(xml: string): ParsedCbeffEntry[] {
  const root = parseXml(xml)
  if (root.name !== 'BIR')
    throw new RecordParseError('cbeff', `root element is <${root.name}>, not <BIR>`)
  return root.children
    .filter((c) => c.name === 'BIR')
    .map((bir) => {
      const info = required(bir, 'BDBInfo')
      const format = required(info, 'Format')
      const subtype = child(info, 'Subtype')?.text.trim() ?? ''
      const finger =
        (Object.keys(FINGER_POSITIONS) as FingerName[]).find(
          (f) => CBEFF_FINGER_SUBTYPE[f] === subtype,
        ) ?? null
      const q = child(info, 'Quality')
      let quality: CbeffQuality | null = null
      if (q) {
        const algorithm = required(q, 'Algorithm')
        const score = Number(required(q, 'Score').text.trim())
        if (!Number.isFinite(score))
          throw new RecordParseError('cbeff', 'quality score is not a number')
        quality = {
          algorithmOrganization: required(algorithm, 'Organization').text.trim(),
          algorithmType: required(algorithm, 'Type').text.trim(),
          score,
        }
      }
      const bdb = child(bir, 'BDB')
      let record: Uint8Array | null = null
      if (bdb) {
        const text = bdb.text.replace(/\s+/g, '')
        if (!/^[A-Za-z0-9+/]*={0,2}$/.test(text) || text.length % 4 !== 0) {
          throw new RecordParseError('cbeff', 'BDB is not base64')
        }
        record = new Uint8Array(Buffer.from(text, 'base64'))
      }
      const others: Record<string, string> = {}
      for (const entry of child(bir, 'others')?.children ?? []) {
        const key = entry.attributes.key
        if (entry.name === 'entry' && key !== undefined) others[key] = entry.text
      }
      return {
        index: child(info, 'Index')?.text.trim() ?? '',
        finger,
        subtype,
        creationDate: child(info, 'CreationDate')?.text.trim() ?? '',
        purpose: child(info, 'Purpose')?.text.trim() ?? '',
        level: child(info, 'Level')?.text.trim() ?? '',
        format: { organization: integer(format, 'Organization'), type: integer(format, 'Type') },
        quality,
        record,
        others,
      }
    })
}
