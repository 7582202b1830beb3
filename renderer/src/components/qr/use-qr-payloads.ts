import { useCallback, useEffect, useRef, useState } from 'react'
import type { KioskClient, ParsedCccdQr, ReplyError } from '../../../../electron/contract'

/** Where a payload came from, shown with the identity it gave (texts: barcode.source.*). */
export const qrSources = ['camera', 'wedge', 'paste', 'serial'] as const
export type QrSource = (typeof qrSources)[number]

export type QrPhase =
  | { kind: 'idle' }
  | { kind: 'checking'; source: QrSource }
  | { kind: 'found'; source: QrSource; parsed: ParsedCccdQr }
  | { kind: 'invalid'; source: QrSource; error: ReplyError }

/**
 * Every payload, whichever way it came in, goes to `barcode.parseCccdQr`; the answer becomes the
 * phase. A payload that arrives while one is being checked is dropped (the camera keeps seeing the
 * same code), and an answer that comes after `reset` is ignored.
 */
export function useQrPayloads(client: KioskClient) {
  const [phase, setPhase] = useState<QrPhase>({ kind: 'idle' })
  const generation = useRef(0)
  const checking = useRef(false)

  const submit = useCallback(
    (source: QrSource, payload: string) => {
      const text = payload.trim()
      if (checking.current || text === '') return
      checking.current = true
      const mine = ++generation.current
      setPhase({ kind: 'checking', source })
      void client.barcode.parseCccdQr({ payload: text.slice(0, 4096) }).then((reply) => {
        if (mine !== generation.current) return
        checking.current = false
        setPhase(
          reply.ok
            ? { kind: 'found', source, parsed: reply.value }
            : { kind: 'invalid', source, error: reply.error },
        )
      })
    },
    [client],
  )

  const reset = useCallback(() => {
    generation.current += 1
    checking.current = false
    setPhase({ kind: 'idle' })
  }, [])

  return { phase, submit, reset }
}

/**
 * Scans from a serial scanner: this window asks the core for them while the capture is on screen
 * (`barcode.listen`) and stops on the way out. Answers whether a scanner is ready (null: unknown).
 */
export function useSerialScans(client: KioskClient, onScan: (payload: string) => void) {
  const [scannerReady, setScannerReady] = useState<boolean | null>(null)
  const latest = useRef(onScan)
  useEffect(() => {
    latest.current = onScan
  })
  useEffect(() => {
    let active = true
    const stop = client.on('barcode.scanned', (event) => latest.current(event.payload))
    void client.barcode.listen({}).then((reply) => {
      if (active) setScannerReady(reply.ok ? reply.value.scannerReady : false)
    })
    return () => {
      active = false
      stop()
      void client.barcode.unlisten({})
    }
  }, [client])
  return scannerReady
}
