import {
  MDM_LEVELS,
  TIME_SERVICES,
  timeEntrySchema as datasetTimeEntry,
  type TimeEntry,
  type TimeService,
} from '@chronicle/dataset';
import { CARE_MANAGEMENT_BILLING_CODES, CARE_MANAGEMENT_SNOMED } from './care-management-codes.js';
import { billingCode, codeIn, extensionOf } from './codings.js';
import { instantOf } from './fhir-dates.js';
import type { FhirProcedure } from './fhir-schemas.js';
import {
  checkRecord,
  clinicianOfEncounter,
  recordId,
  type ImportContext,
} from './import-context.js';
import type { Indexed } from './resource-index.js';
import { CHRONICLE_CODES, EXTENSION, SYSTEM } from './systems.js';

const NOT_DONE = new Set(['preparation', 'not-done', 'entered-in-error', 'stopped', 'on-hold']);

/**
 * Procedure as care-management time (docs/admin/fhir.md): its code names the service
 * (Chronicle's time-service coding, a care-management CPT/HCPCS code, or a listed SNOMED
 * concept) and its performedPeriod gives the minutes, start to end. The performer is the
 * clinician whose time it was; the notes are the activity; the asserter signed it.
 */
export function mapProcedure(ctx: ImportContext, item: Indexed, p: FhirProcedure): void {
  const { subject } = item;
  const service = serviceOf(p);
  if (service === undefined) return ctx.report.skip(subject, 'not care-management time');
  if (p.status !== undefined && NOT_DONE.has(p.status))
    return ctx.report.skip(subject, 'not done, stopped or entered in error');
  const draft = ctx.patients.draftFor(p.subject, subject, 'subject');
  if (!draft) return;
  const id = recordId(ctx, subject, p.identifier);
  if (id === undefined) return;
  const start = instantOf(p.performedPeriod?.start);
  const end = instantOf(p.performedPeriod?.end);
  if (start === undefined || end === undefined)
    return ctx.report.reject(
      subject,
      p.performedPeriod === undefined
        ? 'performedPeriod'
        : `performedPeriod.${start ? 'end' : 'start'}`,
      'care-management time needs a performedPeriod with a start and an end, each a date and time; not imported',
    );
  if (Date.parse(end) <= Date.parse(start))
    return ctx.report.reject(subject, 'performedPeriod.end', 'not after the start; not imported');
  const performerAt = (p.performer ?? []).findIndex(
    (x) => ctx.clinicians.idFor(x.actor) !== undefined,
  );
  const clinicianId =
    performerAt >= 0
      ? ctx.clinicians.idFor(p.performer?.[performerAt]?.actor)
      : clinicianOfEncounter(ctx, p.encounter);
  if (clinicianId === undefined)
    return ctx.report.reject(subject, 'performer', 'no clinician whose time it was; not imported');
  const minutes = extensionOf(p.extension, EXTENSION.minutes)?.valueDecimal;
  const mdm = extensionOf(p.extension, EXTENSION.mdm)?.valueCode;
  const signedById = ctx.clinicians.idFor(p.asserter);
  const notes = (p.note ?? []).map((n) => n.text).join('\n');
  const entry: TimeEntry = {
    id,
    clinicianId,
    start,
    ...(minutes === undefined ? { end } : { minutes }),
    service,
    activity: notes || p.code?.text || '',
    ...(mdm !== undefined && (MDM_LEVELS as readonly string[]).includes(mdm)
      ? { mdm: mdm as NonNullable<TimeEntry['mdm']> }
      : {}),
    ...(signedById === undefined ? {} : { signedById }),
  };
  if (checkRecord(ctx, subject, datasetTimeEntry, entry))
    ctx.patients.addRecord(draft, 'timeEntries', entry, subject);
}

function serviceOf(p: FhirProcedure): TimeService | undefined {
  const own = codeIn([p.code], CHRONICLE_CODES.timeService);
  if (own !== undefined && (TIME_SERVICES as readonly string[]).includes(own))
    return own as TimeService;
  const billed = billingCode([p.code]);
  if (billed !== undefined && Object.hasOwn(CARE_MANAGEMENT_BILLING_CODES, billed))
    return CARE_MANAGEMENT_BILLING_CODES[billed];
  const snomed = codeIn([p.code], SYSTEM.snomed);
  if (snomed !== undefined && Object.hasOwn(CARE_MANAGEMENT_SNOMED, snomed))
    return CARE_MANAGEMENT_SNOMED[snomed];
  return undefined;
}
