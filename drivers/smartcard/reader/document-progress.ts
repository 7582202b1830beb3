import type { LdsFileName } from '../icao9303/lds/files'
import type { ReadProgress } from './document-read'

/**
 * Progress of a whole document read in bytes. A file's size is known once its first block has
 * arrived (its TLV header), so the total grows: EF.COM and EF.SOD are expected from the start,
 * the data groups once EF.COM (or EF.SOD's hashes) lists them, each sized by its first answer.
 * `filesUnsized` says how many expected files have not yet added their size to `documentTotal`;
 * at 0 the total is exact. Until the data groups are listed they count as one unsized file, so
 * the end of EF.SOD (read before its list is parsed) does not look like the end of the read.
 * No extra APDU is spent on learning sizes ahead.
 */
export class DocumentProgress {
  private readonly expected = new Set<LdsFileName>(['EF.COM', 'EF.SOD'])
  private readonly sizes = new Map<LdsFileName, number>()
  private readonly done = new Map<LdsFileName, number>()
  private groupsListed = false

  constructor(private readonly report: ((progress: ReadProgress) => void) | undefined) {}

  /** The files the chip announced, added to what is expected. */
  expect(files: readonly LdsFileName[]): void {
    for (const file of files) this.expected.add(file)
    this.groupsListed = true
  }

  /** A file the chip does not have (or hides): it is no longer waited for. */
  missing(file: LdsFileName): void {
    this.expected.delete(file)
    this.sizes.delete(file)
    this.done.delete(file)
  }

  /** Forgets every byte read (the read starts over after the short-length fallback). */
  restart(): void {
    this.sizes.clear()
    this.done.clear()
  }

  fileProgress(file: LdsFileName, bytesRead: number, total: number): void {
    this.expected.add(file)
    this.sizes.set(file, total)
    this.done.set(file, bytesRead)
    const sum = (values: Iterable<number>) => [...values].reduce((a, b) => a + b, 0)
    this.report?.({
      file,
      bytesRead,
      total,
      documentBytesRead: sum(this.done.values()),
      documentTotal: sum(this.sizes.values()),
      filesUnsized:
        [...this.expected].filter((f) => !this.sizes.has(f)).length + (this.groupsListed ? 0 : 1),
    })
  }
}
