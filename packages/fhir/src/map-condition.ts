import { conditionSchema as datasetCondition, type Condition } from '@chronicle/dataset';
import { codeIn, codingIn, extensionOf } from './codings.js';
import { practiceDate } from './fhir-dates.js';
import type { FhirCondition } from './fhir-schemas.js';
import { checkRecord, recordId, type ImportContext } from './import-context.js';
import type { Indexed } from './resource-index.js';
import { EXTENSION, ICD10_SYSTEMS, SYSTEM } from './systems.js';

const ABATED = new Set(['inactive', 'resolved', 'remission']);

/**
 * Condition: ICD-10-CM (or ICD-10, as CMS data writes it) before SNOMED CT; onset from
 * onsetDateTime or onsetPeriod.start; abatement from abatementDateTime or abatementPeriod.
 * A condition whose clinicalStatus is inactive, resolved or in remission but that has no
 * abatement date is taken as abated on its onset (or recorded) date, and reported.
 */
export function mapCondition(ctx: ImportContext, item: Indexed, c: FhirCondition): void {
  const { subject } = item;
  const verification = codeIn([c.verificationStatus], SYSTEM.conditionVerification);
  if (verification === 'entered-in-error' || verification === 'refuted')
    return ctx.report.skip(subject, 'entered in error or refuted');
  const icd = codingIn([c.code], ICD10_SYSTEMS);
  const snomed = codingIn([c.code], SYSTEM.snomed);
  const coding = icd ?? snomed;
  if (!coding) {
    const broken = (c.code?.coding ?? []).findIndex((k) => !k.system || !k.code);
    if (broken >= 0)
      return ctx.report.reject(
        subject,
        `code.coding[${broken}].${c.code?.coding?.[broken]?.system ? 'code' : 'system'}`,
        'a condition code needs a system and a code; not imported',
      );
    return ctx.report.skip(subject, 'no ICD-10-CM or SNOMED CT code');
  }
  const draft = ctx.patients.draftFor(c.subject, subject, 'subject');
  if (!draft) return;
  const id = recordId(ctx, subject, c.identifier);
  if (id === undefined) return;

  const date = (value: string | undefined, path: string): string | null | undefined => {
    if (value === undefined) return undefined;
    const d = practiceDate(value, ctx.timeZone);
    if (d === undefined) {
      ctx.report.reject(subject, path, 'not a calendar date; not imported');
      return null;
    }
    return d;
  };
  const onsetPath = c.onsetDateTime !== undefined ? 'onsetDateTime' : 'onsetPeriod.start';
  const onset = date(c.onsetDateTime ?? c.onsetPeriod?.start, onsetPath);
  const abatementPath =
    c.abatementDateTime !== undefined
      ? 'abatementDateTime'
      : c.abatementPeriod?.end !== undefined
        ? 'abatementPeriod.end'
        : 'abatementPeriod.start';
  let abatement = date(
    c.abatementDateTime ?? c.abatementPeriod?.end ?? c.abatementPeriod?.start,
    abatementPath,
  );
  const recorded = date(c.recordedDate, 'recordedDate');
  if (onset === null || abatement === null || recorded === null) return;
  const status = codeIn([c.clinicalStatus], SYSTEM.conditionClinical);
  if (abatement === undefined && status !== undefined && ABATED.has(status)) {
    abatement = onset ?? recorded;
    if (abatement === undefined)
      return ctx.report.reject(
        subject,
        'abatementDateTime',
        `clinicalStatus is ${status} but neither abatement, onset nor recorded date is given; not imported`,
      );
    ctx.report.problem(
      subject,
      'abatementDateTime',
      `clinicalStatus is ${status} without an abatement date; imported as abated on its ${onset ? 'onset' : 'recorded'} date`,
    );
  }
  if (onset !== undefined && abatement !== undefined && abatement < onset)
    return ctx.report.reject(subject, abatementPath, 'before the onset; not imported');

  const chronic = extensionOf(c.extension, EXTENSION.chronic)?.valueBoolean;
  const highRisk = extensionOf(c.extension, EXTENSION.highRisk)?.valueBoolean;
  const display = coding.display ?? c.code?.text;
  const condition: Condition = {
    id,
    system: icd ? 'icd-10-cm' : 'snomed',
    code: (coding.code as string).trim(),
    ...(display === undefined ? {} : { display }),
    ...(onset === undefined ? {} : { onset }),
    ...(abatement === undefined ? {} : { abatement }),
    ...(chronic === undefined ? {} : { chronic }),
    ...(highRisk === undefined ? {} : { highRisk }),
  };
  if (checkRecord(ctx, subject, datasetCondition, condition))
    ctx.patients.addRecord(draft, 'conditions', condition, subject);
}
