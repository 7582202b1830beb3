import { z } from 'zod'

/** How a station's keys are protected at rest, strongest first. */
export const protectorKinds = ['tpm', 'safe-storage', 'passphrase', 'plain-training'] as const
export type ProtectorKind = (typeof protectorKinds)[number]

/** `keys` in config.json: which protector (default `auto`: the strongest the machine offers). */
export const KeysConfigSchema = z
  .object({
    protector: z.enum(['auto', ...protectorKinds]),
    /** Accept Electron safeStorage on Linux's `basic_text` backend, which protects nothing. */
    allowWeakSafeStorage: z.boolean(),
    /** The TPM's TCTI, e.g. `device:/dev/tpmrm0`; default that device when it exists. */
    tpmTcti: z.string().min(1).max(200),
  })
  .partial()
  .strict()
export type KeysConfig = z.infer<typeof KeysConfigSchema>

/** Environment variables that name the TPM's TCTI (ours first, then tpm2-tools' own). */
export const TPM_TCTI_ENV = ['KIOSK_TPM_TCTI', 'TPM2TOOLS_TCTI'] as const
/** The file holding the passphrase, for runs with no terminal to type it on. */
export const PASSPHRASE_FILE_ENV = 'KIOSK_KEY_PASSPHRASE_FILE'
