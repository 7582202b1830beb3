import { ldsFile, type LdsFileName } from '../../../drivers/smartcard'
import type { PacketPartInput } from '../../../protocol/packet'

const BINARY = 'application/octet-stream'

/**
 * The files of a chip read as the enrollment file's parts: EF.SOD as `chip.sod`, then every data
 * group read as `chip.dg` (named `chip/DGn`, in number order), so the upstream can verify them again.
 */
export function chipPartsOf(files: ReadonlyMap<LdsFileName, Uint8Array>): PacketPartInput[] {
  const parts: PacketPartInput[] = []
  const sod = files.get('EF.SOD')
  if (sod)
    parts.push({ name: 'chip/EF.SOD', kind: 'chip.sod', mediaType: BINARY, data: Buffer.from(sod) })
  const groups = [...files]
    .map(([name, bytes]) => ({ name, bytes, number: ldsFile(name).dataGroup }))
    .filter((f): f is { name: LdsFileName; bytes: Uint8Array; number: number } => f.number !== null)
    .sort((a, b) => a.number - b.number)
  for (const g of groups)
    parts.push({
      name: `chip/${g.name}`,
      kind: 'chip.dg',
      mediaType: BINARY,
      data: Buffer.from(g.bytes),
    })
  return parts
}
