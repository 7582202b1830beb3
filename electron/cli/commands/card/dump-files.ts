import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { LdsFileName } from '../../../../drivers/smartcard'

/** `--out` and `card verify` agree on these names: `EF.COM.bin`, `EF.SOD.bin`, `DG1.bin`, … */
export const dumpFileName = (name: LdsFileName): string => `${name}.bin`

export async function writeDump(
  dir: string,
  files: ReadonlyMap<LdsFileName, Uint8Array>,
  face: { extension: string; bytes: Uint8Array } | null,
): Promise<string[]> {
  await mkdir(dir, { recursive: true })
  const written: string[] = []
  for (const [name, bytes] of files) {
    if (name === 'EF.CardAccess') continue
    await writeFile(join(dir, dumpFileName(name)), bytes)
    written.push(dumpFileName(name))
  }
  if (face) {
    const name = `face.${face.extension}`
    await writeFile(join(dir, name), face.bytes)
    written.push(name)
  }
  return written
}

export interface LoadedDump {
  sod: Uint8Array | null
  dataGroups: Map<number, Uint8Array>
}

/** Reads a dump written by `card read --out`: EF.SOD.bin and every DGn.bin there. */
export async function readDump(dir: string): Promise<LoadedDump> {
  const names = await readdir(dir)
  const dataGroups = new Map<number, Uint8Array>()
  for (const name of names) {
    const match = /^DG(\d{1,2})\.bin$/.exec(name)
    const n = Number(match?.[1])
    if (match && n >= 1 && n <= 16)
      dataGroups.set(n, new Uint8Array(await readFile(join(dir, name))))
  }
  const sod = names.includes('EF.SOD.bin')
    ? new Uint8Array(await readFile(join(dir, 'EF.SOD.bin')))
    : null
  return { sod, dataGroups }
}
