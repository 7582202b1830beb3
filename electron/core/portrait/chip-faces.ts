/**
 * The chip photo of the last card read on each window or socket, kept in memory only (it is
 * citizen data) so the portrait can be compared with it; replaced by the next read, dropped when
 * the window or socket goes.
 */
export interface ChipFaces {
  remember(connectionId: string, image: Uint8Array | null): void
  get(connectionId: string): Uint8Array | null
  forget(connectionId: string): void
}

export function createChipFaces(): ChipFaces {
  const faces = new Map<string, Uint8Array>()
  return {
    remember(connectionId, image) {
      if (image) faces.set(connectionId, image.slice())
      else faces.delete(connectionId)
    },
    get: (connectionId) => faces.get(connectionId) ?? null,
    forget: (connectionId) => void faces.delete(connectionId),
  }
}
