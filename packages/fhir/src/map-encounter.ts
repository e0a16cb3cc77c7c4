import {
  ENCOUNTER_KINDS,
  encounterSchema as datasetEncounter,
  type Encounter,
} from '@chronicle/dataset';
import { billingCode, codeIn, conceptWords, extensionOf } from './codings.js';
import { practiceDate } from './fhir-dates.js';
import type { FhirEncounter } from './fhir-schemas.js';
import { checkRecord, encounterClinician, recordId, type ImportContext } from './import-context.js';
import type { Indexed } from './resource-index.js';
import { CHRONICLE_CODES, EXTENSION, PLACE_OF_SERVICE_SYSTEMS } from './systems.js';

const NOT_HAPPENED = new Set(['planned', 'arrived', 'triaged', 'cancelled', 'entered-in-error']);
const INPATIENT_CLASSES = new Set(['IMP', 'ACUTE', 'NONAC']);

/**
 * Encounter: a stay when its class is inpatient (IMP, ACUTE, NONAC), a skilled nursing
 * stay when its type or service type says so (words "skilled nursing", or place of
 * service 31); otherwise a visit, imported only with a CPT or HCPCS code in `type` or
 * `serviceType` (the code is what the rules read). The practitioner is the primary
 * performer, else the attender, else any participant.
 */
export function mapEncounter(ctx: ImportContext, item: Indexed, e: FhirEncounter): void {
  const { subject } = item;
  if (e.status !== undefined && NOT_HAPPENED.has(e.status))
    return ctx.report.skip(subject, 'planned, cancelled or entered in error');
  const concepts = [...(e.type ?? []), e.serviceType];
  const kind = kindOf(e, e.type ?? [], e.serviceType);
  const billed = billingCode(concepts);
  const own = codeIn(concepts, CHRONICLE_CODES.otherCode);
  const code =
    kind === 'visit'
      ? (billed ?? own)
      : (billed ?? own ?? e.type?.[0]?.coding?.[0]?.code ?? e.class?.code ?? 'IMP');
  if (code === undefined) return ctx.report.skip(subject, 'a visit without a CPT or HCPCS code');
  const draft = ctx.patients.draftFor(e.subject, subject, 'subject');
  if (!draft) return;
  const id = recordId(ctx, subject, e.identifier);
  if (id === undefined) return;
  const date =
    e.period?.start === undefined ? undefined : practiceDate(e.period.start, ctx.timeZone);
  if (date === undefined)
    return ctx.report.reject(
      subject,
      'period.start',
      'an encounter needs a start date; not imported',
    );
  const end = e.period?.end === undefined ? undefined : practiceDate(e.period.end, ctx.timeZone);
  const endDate = end !== undefined && (kind !== 'visit' || end !== date) ? end : undefined;
  if (endDate !== undefined && endDate < date)
    return ctx.report.reject(subject, 'period.end', 'before the start; not imported');
  const clinicianId = encounterClinician(ctx, e.participant);
  if (clinicianId === undefined)
    return ctx.report.reject(
      subject,
      'participant',
      'no practitioner to attribute the encounter to; not imported',
    );
  const discussed = extensionOf(e.extension, EXTENSION.ccmDiscussed)?.valueBoolean;
  const encounter: Encounter = {
    id,
    date,
    ...(endDate === undefined ? {} : { endDate }),
    code,
    clinicianId,
    kind,
    ...(discussed === undefined ? {} : { ccmDiscussed: discussed }),
  };
  if (checkRecord(ctx, subject, datasetEncounter, encounter))
    ctx.patients.addRecord(draft, 'encounters', encounter, subject);
}

function kindOf(
  e: FhirEncounter,
  types: NonNullable<FhirEncounter['type']>,
  serviceType: FhirEncounter['serviceType'],
): Encounter['kind'] {
  const concepts = [...types, serviceType];
  const own = codeIn(concepts, CHRONICLE_CODES.encounterKind);
  if (own !== undefined && (ENCOUNTER_KINDS as readonly string[]).includes(own))
    return own as Encounter['kind'];
  if (!INPATIENT_CLASSES.has(e.class?.code ?? '')) return 'visit';
  const skilled =
    /skilled nursing/i.test(`${conceptWords(concepts)} ${e.class?.display ?? ''}`) ||
    codeIn(concepts, PLACE_OF_SERVICE_SYSTEMS) === '31';
  return skilled ? 'snf-part-a-stay' : 'inpatient-stay';
}
