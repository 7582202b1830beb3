import { readFile } from 'node:fs/promises'
import { decodeImage, readJpegQuality, type RgbaFrame } from '../../../../drivers/camera'
import { EXIT } from '../../exit-codes'
import { CliError } from '../../output'

export interface LoadedImage {
  readonly frame: RgbaFrame
  /** The IJG quality factor when the file is a JPEG with a quantisation table. */
  readonly jpegQuality: number | null
}

/** Reads and decodes an image file (JPEG, PNG or JPEG 2000) for the portrait commands. */
export async function loadImage(path: string): Promise<LoadedImage> {
  let bytes: Uint8Array
  try {
    bytes = await readFile(path)
  } catch (error) {
    throw new CliError('cli.portrait.noFile', { path }, EXIT.NOT_FOUND, (error as Error).message)
  }
  try {
    return { frame: await decodeImage(bytes), jpegQuality: readJpegQuality(bytes) }
  } catch (error) {
    throw new CliError('cli.portrait.badImage', { path }, EXIT.FAILED, (error as Error).message)
  }
}
