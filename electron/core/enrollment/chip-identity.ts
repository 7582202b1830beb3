import type { CardReadResult, IdentityView, Person } from '../../contract'
import type { ChipRead } from '../card'

/** dd/mm/yyyy as DG13 prints it (00 where unknown) → YYYY-MM-DD. */
function fromDg13Date(text: string): string | null {
  const m = /^(\d{2})\/(\d{2})\/(\d{4})$/.exec(text.trim())
  return m ? `${m[3]}-${m[2]}-${m[1]}` : null
}

/** YYMMDD of the MRZ (`<` where unknown) → YYYY-MM-DD; a year after `todayYear` is last century. */
function fromMrzDate(yymmdd: string, todayYear: number): string | null {
  const m = /^(\d{2})([\d<]{2})([\d<]{2})$/.exec(yymmdd)
  if (!m) return null
  const yy = Number(m[1])
  const year = 2000 + yy > todayYear ? 1900 + yy : 2000 + yy
  const part = (p: string | undefined) => (p && /^\d{2}$/.test(p) ? p : '00')
  return `${year}-${part(m[2])}-${part(m[3])}`
}

function sexOf(result: CardReadResult): 'M' | 'F' | null {
  const code = result.dg13?.sexCode ?? result.mrz?.sex
  return code === 'M' || code === 'F' ? code : null
}

/** An MRZ name is `SURNAME<<GIVEN<NAMES`, already split by the driver; spaces for fillers. */
function mrzName(result: CardReadResult): string | null {
  const mrz = result.mrz
  if (!mrz) return null
  const name = `${mrz.surname} ${mrz.givenNames}`.replace(/</g, ' ').replace(/\s+/g, ' ').trim()
  return name || null
}

/** Upper-case letters and digits only: how the contract keeps an ID or passport number. */
function idOf(text: string | null | undefined): string | null {
  const id = (text ?? '').toUpperCase().replace(/[^A-Z0-9]/g, '')
  return id.length >= 6 ? id : null
}

/**
 * The identity a chip read establishes: DG13's fields where the chip has them (a CCCD), else the
 * MRZ's (a passport). Null with the reason when the chip does not give a name, number or birth date.
 */
export function chipIdentity(
  read: ChipRead,
  todayYear: number,
): { ok: true; identity: IdentityView } | { ok: false; missing: string } {
  const { result } = read
  const dg13 = result.dg13
  const fullName = dg13?.fullName?.trim() || mrzName(result)
  const idNumber = idOf(dg13?.idNumber ?? result.cccd?.idNumber ?? result.mrz?.documentNumber)
  const dob =
    (dg13?.dateOfBirth ? fromDg13Date(dg13.dateOfBirth.text) : null) ??
    (result.mrz ? fromMrzDate(result.mrz.dateOfBirth, todayYear) : null)
  if (!fullName) return { ok: false, missing: 'fullName' }
  if (!idNumber) return { ok: false, missing: 'idNumber' }
  if (!dob) return { ok: false, missing: 'dateOfBirth' }
  const vietnamese = (result.mrz?.nationality ?? 'VNM') === 'VNM'
  const person: Person = {
    fullName: fullName.normalize('NFC'),
    idNumber,
    dateOfBirth: dob,
    sex: sexOf(result),
    nationality: vietnamese ? 'vn' : 'foreign',
    placeOfResidence: dg13?.placeOfResidence?.normalize('NFC') ?? null,
  }
  const passport = result.mrz?.format === 'TD3'
  return {
    ok: true,
    identity: {
      source: 'chip',
      person,
      document: passport ? 'none' : cardKind(dg13?.dateOfIssue ?? null),
      chip: {
        access: result.access,
        passiveAuth: result.passiveAuth.verdict,
        chipAuth: result.chipAuth.verdict,
        activeAuth: result.activeAuth.verdict,
      },
      chipFaceDataUrl: result.faceDataUrl,
      mismatches: [],
      cccdApplicationRef: null,
      residenceCard: null,
    },
  }
}

/** Law 26/2023 (in force 2024-07-01) renamed the card: chip cards issued since are "thẻ căn cước". */
const ID_CARD_LAW_IN_FORCE = '2024-07-01'

/** A Vietnamese TD1 chip: a CCCD, or the Căn cước card (which children may hold) by its issue date. */
function cardKind(issued: { text: string; iso: string | null } | null): 'cccd' | 'id-card' {
  const iso = issued?.iso ?? (issued ? fromDg13Date(issued.text) : null)
  return iso !== null && iso >= ID_CARD_LAW_IN_FORCE ? 'id-card' : 'cccd'
}

const fold = (s: string) => s.normalize('NFC').toLocaleUpperCase('vi').replace(/\s+/g, ' ').trim()

/** The fields where an identity from the QR code or typed in differs from the chip's. */
export function identityMismatches(chip: Person, other: Person): IdentityView['mismatches'] {
  const out: IdentityView['mismatches'] = []
  if (fold(chip.fullName) !== fold(other.fullName))
    out.push({ field: 'fullName', chip: chip.fullName, other: other.fullName })
  if (chip.idNumber !== other.idNumber)
    out.push({ field: 'idNumber', chip: chip.idNumber, other: other.idNumber })
  if (chip.dateOfBirth !== other.dateOfBirth)
    out.push({ field: 'dateOfBirth', chip: chip.dateOfBirth, other: other.dateOfBirth })
  if (chip.sex !== null && other.sex !== null && chip.sex !== other.sex)
    out.push({ field: 'sex', chip: chip.sex, other: other.sex })
  return out
}
