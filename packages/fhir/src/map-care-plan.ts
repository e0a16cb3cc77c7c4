import {
  CARE_PLAN_ELEMENTS,
  CARE_PLAN_EVENTS,
  SHARE_METHODS,
  carePlanSchema as datasetCarePlan,
  type CarePlanElement,
  type CarePlanEvent,
} from '@chronicle/dataset';
import { codings, extensionOf } from './codings.js';
import { practiceDate } from './fhir-dates.js';
import type { FhirCarePlan } from './fhir-schemas.js';
import {
  checkRecord,
  clinicianOfEncounter,
  recordId,
  type ImportContext,
} from './import-context.js';
import type { Indexed } from './resource-index.js';
import { CHRONICLE_CODES, EXTENSION } from './systems.js';

const NOT_IN_FORCE = new Set(['draft', 'entered-in-error', 'revoked', 'unknown']);

/**
 * CarePlan: one care-plan event, dated `created` (else period.start), authored by its
 * author, else its first contributor, else the practitioner of its encounter. Intent
 * plan or order (Synthea writes order); proposals and options are not plans yet. The
 * event is Chronicle's extension, else "established"; the elements are Chronicle's
 * category codings, else read from what the plan holds: addresses (problem list), goal
 * (measurable goals), activity (planned interventions).
 */
export function mapCarePlan(ctx: ImportContext, item: Indexed, c: FhirCarePlan): void {
  const { subject } = item;
  if (c.status !== undefined && NOT_IN_FORCE.has(c.status))
    return ctx.report.skip(subject, 'draft, revoked or entered in error');
  if (c.intent !== undefined && c.intent !== 'plan' && c.intent !== 'order')
    return ctx.report.skip(subject, 'a proposal or option, not a plan');
  const draft = ctx.patients.draftFor(c.subject, subject, 'subject');
  if (!draft) return;
  const id = recordId(ctx, subject, c.identifier);
  if (id === undefined) return;
  const when = c.created ?? c.period?.start;
  const date = when === undefined ? undefined : practiceDate(when, ctx.timeZone);
  if (date === undefined)
    return ctx.report.reject(
      subject,
      'created',
      'a care plan needs the date it was made; not imported',
    );
  const authorId =
    ctx.clinicians.idFor(c.author) ??
    (c.contributor ?? []).map((r) => ctx.clinicians.idFor(r)).find((x) => x !== undefined) ??
    clinicianOfEncounter(ctx, c.encounter);
  if (authorId === undefined)
    return ctx.report.reject(subject, 'author', 'no practitioner who wrote the plan; not imported');
  const eventCode = extensionOf(c.extension, EXTENSION.carePlanEvent)?.valueCode;
  const event = (CARE_PLAN_EVENTS as readonly string[]).includes(eventCode ?? '')
    ? (eventCode as CarePlanEvent['event'])
    : 'established';
  const substantial = extensionOf(c.extension, EXTENSION.substantialRevision)?.valueBoolean;
  let shared = sharedOf(ctx, c);
  if (shared !== undefined && shared.date < date) {
    ctx.report.problem(
      subject,
      'extension',
      'shared with the patient before the plan was made; imported without the sharing',
    );
    shared = undefined;
  }
  const plan: CarePlanEvent = {
    id,
    date,
    event,
    ...(substantial === undefined ? {} : { substantialRevision: substantial }),
    authorId,
    elements: elementsOf(c),
    ...(shared === undefined ? {} : { sharedWithPatient: shared }),
  };
  if (checkRecord(ctx, subject, datasetCarePlan, plan))
    ctx.patients.addRecord(draft, 'carePlans', plan, subject);
}

function elementsOf(c: FhirCarePlan): CarePlanElement[] {
  const own = codings(c.category ?? [])
    .filter((k) => k.system === CHRONICLE_CODES.carePlanElement)
    .map((k) => k.code)
    .filter((k): k is CarePlanElement =>
      (CARE_PLAN_ELEMENTS as readonly string[]).includes(k ?? ''),
    );
  if (own.length > 0) return own;
  const out: CarePlanElement[] = [];
  if ((c.addresses ?? []).length > 0) out.push('problem-list');
  if ((c.goal ?? []).length > 0) out.push('measurable-goals');
  if ((c.activity ?? []).length > 0) out.push('planned-interventions');
  return out;
}

function sharedOf(ctx: ImportContext, c: FhirCarePlan): CarePlanEvent['sharedWithPatient'] {
  const parts = extensionOf(c.extension, EXTENSION.sharedWithPatient)?.extension ?? [];
  const on = parts.find((p) => p.url === 'date')?.valueDate;
  const method = parts.find((p) => p.url === 'method')?.valueCode;
  const date = on === undefined ? undefined : practiceDate(on, ctx.timeZone);
  if (date === undefined || !(SHARE_METHODS as readonly string[]).includes(method ?? ''))
    return undefined;
  return { date, method: method as NonNullable<CarePlanEvent['sharedWithPatient']>['method'] };
}
