// The fingerprint stack's clock is the shared one (barcode scanners use the same).
export * from '../../../lib/clock'
