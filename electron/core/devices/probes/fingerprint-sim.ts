export type SimulatedFingerprintProbe =
  { ok: true; model: string; detail: string } | { ok: false; detail: string }

/**
 * Opens the in-process EF01 simulator the way a real module is opened (handshake, password, system
 * parameters) and says what answered, so simulated mode shows a device that really speaks EF01.
 */
export async function probeSimulatedFingerprint(): Promise<SimulatedFingerprintProbe> {
  try {
    // Loaded on first use: real-mode runs (and every CLI start) need none of the simulator.
    const { SimulatedFingerprintDevice } = await import('../../../../drivers/fingerprint')
    const scanner = await new SimulatedFingerprintDevice({ pacing: false }).openScanner()
    await scanner.close()
    const { model, width, height, ppi } = scanner.info
    return { ok: true, model, detail: `${width}×${height} at ${ppi} ppi, 4-bit upload` }
  } catch (error) {
    return { ok: false, detail: error instanceof Error ? error.message : String(error) }
  }
}
