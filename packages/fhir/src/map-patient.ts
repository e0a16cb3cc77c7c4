import { MBI_PATTERN, type Patient } from '@chronicle/dataset';
import { practiceDate } from './fhir-dates.js';
import type { FhirPatient, Identifier } from './fhir-schemas.js';
import { identifierValue } from './ids.js';
import type { ReportCollector, Subject } from './import-report.js';
import { CHRONICLE_ID, SYSTEM } from './systems.js';

export type PatientDemographics = Omit<
  Patient,
  'coverage' | 'conditions' | 'encounters' | 'consents' | 'carePlans' | 'timeEntries' | 'claims'
>;

/**
 * Patient: id (Chronicle's identifier, else the resource id), MRN (the identifier typed
 * MR, else the id), the official or usual name, birthDate (required), deceasedDateTime,
 * and the MBI: the current `us-mbi` identifier (CMS marks historic ones), which must
 * have the CMS shape or the patient is imported without one.
 */
export function mapPatient(
  subject: Subject,
  p: FhirPatient,
  timeZone: string,
  report: ReportCollector,
): PatientDemographics | undefined {
  const id = identifierValue(p.identifier, CHRONICLE_ID.patient) ?? subject.id;
  if (id === undefined) {
    report.reject(subject, 'id', 'a Patient needs an id');
    return undefined;
  }
  const birthDate = p.birthDate === undefined ? undefined : practiceDate(p.birthDate, timeZone);
  if (birthDate === undefined) {
    report.reject(
      subject,
      'birthDate',
      p.birthDate === undefined ? 'a patient needs a birth date' : 'not a calendar date',
    );
    return undefined;
  }
  const out: PatientDemographics = {
    id,
    mrn: mrnOf(p.identifier) ?? id,
    name: nameOf(p),
    birthDate,
  };
  if (p.deceasedDateTime !== undefined) {
    const death = practiceDate(p.deceasedDateTime, timeZone);
    if (death === undefined || death < birthDate)
      report.problem(
        subject,
        'deceasedDateTime',
        death === undefined
          ? 'not a calendar date; the patient is imported without a date of death'
          : 'before the birth date; the patient is imported without a date of death',
      );
    else out.deathDate = death;
  } else if (p.deceasedBoolean === true) {
    report.problem(
      subject,
      'deceasedBoolean',
      'deceased without a date; the patient is imported without a date of death',
    );
  }
  const mbi = mbiOf(p.identifier);
  if (mbi) {
    if (MBI_PATTERN.test(mbi.value)) out.mbi = mbi.value;
    else
      report.problem(
        subject,
        `identifier[${mbi.index}].value`,
        'not a Medicare Beneficiary Identifier (11 characters, CMS format); the patient is imported without one',
      );
  }
  return out;
}

function nameOf(p: FhirPatient): Patient['name'] {
  const rank = (use: string | undefined) =>
    use === 'official'
      ? 0
      : use === 'usual'
        ? 1
        : use === undefined
          ? 2
          : use === 'old' || use === 'maiden'
            ? 4
            : 3;
  const name = [...(p.name ?? [])].sort((a, b) => rank(a.use) - rank(b.use))[0];
  if (!name) return { given: '', family: '' };
  const given = (name.given ?? []).join(' ').trim();
  const family = (name.family ?? '').trim();
  if (given === '' && family === '' && name.text) {
    // Only a text name: its last word is taken as the family name.
    const words = name.text.trim().split(/\s+/);
    return { given: words.slice(0, -1).join(' '), family: words.at(-1) ?? '' };
  }
  return { given, family };
}

function mrnOf(identifiers: readonly Identifier[] | undefined): string | undefined {
  const own = identifierValue(identifiers, CHRONICLE_ID.mrn);
  if (own) return own;
  const mr = identifiers?.find((i) =>
    (i.type?.coding ?? []).some((c) => c.system === SYSTEM.v2IdentifierType && c.code === 'MR'),
  );
  return mr?.value?.trim() || undefined;
}

/** The MBI to use: one marked current, else one not marked historic; with its index. */
function mbiOf(
  identifiers: readonly Identifier[] | undefined,
): { value: string; index: number } | undefined {
  const candidates = (identifiers ?? [])
    .map((identifier, index) => ({ identifier, index }))
    .filter(({ identifier }) => identifier.system === SYSTEM.mbi && identifier.value);
  const currency = (i: Identifier) =>
    (i.type?.coding ?? [])
      .flatMap(
        (c) =>
          (c as { extension?: Array<{ url?: string; valueCoding?: { code?: string } }> })
            .extension ?? [],
      )
      .find((e) => e.url === SYSTEM.identifierCurrency)?.valueCoding?.code;
  const chosen =
    candidates.find(({ identifier }) => currency(identifier) === 'current') ??
    candidates.find(
      ({ identifier }) => currency(identifier) !== 'historic' && !identifier.period?.end,
    );
  if (!chosen) return undefined;
  return {
    value: (chosen.identifier.value ?? '').toUpperCase().replace(/[\s-]/g, ''),
    index: chosen.index,
  };
}
