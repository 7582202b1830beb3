import { readdir } from 'node:fs/promises'

export type VideoProbe = { devices: string[]; error?: string }

/** Video capture nodes on Linux; elsewhere the renderer's mediaDevices is the only source. */
export async function probeVideo(
  platform: NodeJS.Platform = process.platform,
): Promise<VideoProbe> {
  if (platform !== 'linux') return { devices: [] }
  try {
    const names = await readdir('/dev')
    return {
      devices: names
        .filter((n) => /^video\d+$/.test(n))
        .map((n) => `/dev/${n}`)
        .sort(),
    }
  } catch (error) {
    return { devices: [], error: (error as Error).message }
  }
}
