import { bytesEqual } from '../../../lib/bytes'

/** What the card knows when it decides whether a READ BINARY may proceed. */
export interface AccessContext {
  file: ElementaryFile
  application: Application | null
  /** The command arrived under secure messaging. */
  secureMessaging: boolean
}

/** An access rule: true lets the read proceed, false answers 6982. */
export type AccessCondition = (context: AccessContext) => boolean

export const ALWAYS: AccessCondition = () => true
export const NEEDS_SECURE_MESSAGING: AccessCondition = (context) => context.secureMessaging

/** A transparent EF. `data` may be replaced at any time (the chip assembly writes its files late). */
export interface ElementaryFile {
  fid: number
  sfi?: number
  data: Uint8Array
  /** Default ALWAYS. */
  read?: AccessCondition
}

/** A DF selected by name (AID), such as the eMRTD application A0 00 00 02 47 10 01. */
export interface Application {
  aid: Uint8Array
  files: ElementaryFile[]
}

export interface FileSystemLayout {
  /** EFs directly under the MF (EF.CardAccess, EF.DIR, EF.ATR/INFO…). */
  masterFiles?: ElementaryFile[]
  applications?: Application[]
}

/** A two-level ISO 7816-4 file tree: the MF with its EFs, and applications with theirs. */
export class CardFileSystem {
  readonly masterFiles: ElementaryFile[]
  readonly applications: Application[]

  constructor(layout: FileSystemLayout = {}) {
    this.masterFiles = layout.masterFiles ?? []
    this.applications = layout.applications ?? []
  }

  application(aid: Uint8Array): Application | undefined {
    return this.applications.find((app) => bytesEqual(app.aid, aid))
  }

  /** The EFs of a DF: an application, or the MF when `scope` is null. */
  filesOf(scope: Application | null): ElementaryFile[] {
    return scope ? scope.files : this.masterFiles
  }

  file(scope: Application | null, fid: number): ElementaryFile | undefined {
    return this.filesOf(scope).find((f) => f.fid === fid)
  }

  fileBySfi(scope: Application | null, sfi: number): ElementaryFile | undefined {
    return this.filesOf(scope).find((f) => f.sfi === sfi)
  }
}
