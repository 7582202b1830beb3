import { readTlvList, requireTlv, tlv } from '../../../../lib/asn1/tlv'
import { ParseError } from '../../../../lib/parse-error'
import { ldsFile, ldsFileByTag, unwrapLdsFile } from './files'

/** EF.COM (ICAO 9303-10 §4.6.1): versions and the list of data groups present. */
export interface EfCom {
  /** LDS version as stored, 4 digits "aabb" (e.g. "0107" = 1.7). */
  ldsVersion: string
  /** Unicode version as stored, 6 digits "aabbcc" (e.g. "040000" = 4.0.0). */
  unicodeVersion: string
  /** Tags from the tag list (5C), in the order stored. */
  tags: number[]
  /** Data group numbers named by known tags, in the order stored. */
  dataGroups: number[]
}

export function parseEfCom(bytes: Uint8Array): EfCom {
  const outer = unwrapLdsFile('EF.COM', bytes)
  const items = readTlvList(outer.value)
  const ldsVersion = digits(requireTlv(items, 0x5f01, 'ef.com').value, 4, 'LDS version')
  const unicodeVersion = digits(requireTlv(items, 0x5f36, 'ef.com').value, 6, 'Unicode version')
  const tags = [...requireTlv(items, 0x5c, 'ef.com').value]
  const dataGroups = tags.flatMap((t) => {
    const dg = ldsFileByTag(t)?.dataGroup
    return dg ? [dg] : []
  })
  return { ldsVersion, unicodeVersion, tags, dataGroups }
}

export interface EfComInput {
  dataGroups: readonly number[]
  ldsVersion?: string
  unicodeVersion?: string
}

export function buildEfCom(input: EfComInput): Uint8Array {
  const ldsVersion = input.ldsVersion ?? '0107'
  const unicodeVersion = input.unicodeVersion ?? '040000'
  if (!/^\d{4}$/.test(ldsVersion)) throw new RangeError('LDS version must be 4 digits')
  if (!/^\d{6}$/.test(unicodeVersion)) throw new RangeError('Unicode version must be 6 digits')
  const tags = input.dataGroups.map((n) => {
    const info = ldsFile(`DG${n}` as Parameters<typeof ldsFile>[0])
    if (info.tag === null) throw new RangeError(`DG${n} has no tag`)
    return info.tag
  })
  return tlv(
    0x60,
    tlv(0x5f01, Buffer.from(ldsVersion, 'latin1')),
    tlv(0x5f36, Buffer.from(unicodeVersion, 'latin1')),
    tlv(0x5c, Uint8Array.from(tags)),
  )
}

function digits(value: Uint8Array, length: number, name: string): string {
  const text = Buffer.from(value).toString('latin1')
  if (value.length !== length || !/^\d+$/.test(text)) {
    throw new ParseError('ef.com', `${name} is not ${length} digits`)
  }
  return text
}
