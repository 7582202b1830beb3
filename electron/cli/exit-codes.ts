/**
 * The one table of `kiosk` exit codes; each means one thing, so scripts can branch on them.
 * Documented in README.md ("The `kiosk` command") and electron/cli/README.md: keep them in step.
 */
export const EXIT = {
  /** Done. */
  OK: 0,
  /** Failed for a reason not listed below (see the message). */
  FAILED: 1,
  /** The card refused the access key (wrong CAN, ID number or MRZ data). */
  ACCESS_DENIED: 2,
  /** No reader, no card, no PC/SC, or no device answers. */
  NO_DEVICE: 3,
  /** Read, but passive, chip or active authentication failed; or the audit log is broken. */
  VERIFICATION_FAILED: 4,
  /** The upstream could not be reached, or files are still waiting to be sent. */
  UPSTREAM_UNREACHABLE: 5,
  /** The command line is wrong: unknown command or flag, bad or missing value. Usage follows. */
  USAGE: 6,
  /** What was asked for does not exist (e.g. no such file in the queue). */
  NOT_FOUND: 7,
  /** The data directory cannot be created or written. */
  DATA_DIR: 8,
} as const

export type ExitCode = (typeof EXIT)[keyof typeof EXIT]
