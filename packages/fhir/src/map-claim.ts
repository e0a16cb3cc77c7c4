import {
  CLAIM_STATUSES,
  claimSchema as datasetClaim,
  type Claim,
  type ClaimLine,
} from '@chronicle/dataset';
import { codeIn, codingIn, extensionOf, lineCode } from './codings.js';
import { practiceDate } from './fhir-dates.js';
import {
  coverageSchema,
  type FhirClaim,
  type FhirCondition,
  type FhirExplanationOfBenefit,
} from './fhir-schemas.js';
import { identifierValue } from './ids.js';
import { checkRecord, recordId, type ImportContext } from './import-context.js';
import { coverageKinds } from './map-coverage.js';
import type { PatientDraft } from './patient-registry.js';
import type { Indexed } from './resource-index.js';
import { CHRONICLE_ID, EXTENSION, ICD10_SYSTEMS, PLACE_OF_SERVICE_SYSTEMS } from './systems.js';

/** Claims imported from Claim resources, so that an ExplanationOfBenefit of one only settles its status. */
export type ImportedClaims = Map<object, Claim>;

/**
 * Claim: the lines whose productOrService is a CPT or HCPCS code (others, such as
 * Synthea's SNOMED codes, are left out, and a claim with none is skipped), with their
 * quantity as units and their diagnosis pointers resolved to ICD-10 codes. The date of
 * service is the latest line date; the billing practitioner is the care-team member
 * marked responsible, else the primary or performing one, else the provider.
 * Status: Chronicle's extension, else draft for a draft and submitted otherwise.
 */
export function mapClaim(
  ctx: ImportContext,
  item: Indexed,
  c: FhirClaim,
  imported: ImportedClaims,
): void {
  const { subject } = item;
  if (c.status === 'cancelled' || c.status === 'entered-in-error')
    return ctx.report.skip(subject, 'cancelled or entered in error');
  const status = ownStatus(c) ?? (c.status === 'draft' ? 'draft' : 'submitted');
  const draft = ctx.patients.draftFor(c.patient, subject, 'patient');
  if (!draft) return;
  const id = recordId(ctx, subject, c.identifier);
  if (id === undefined) return;
  const claim = readClaim(ctx, item, c, id, status);
  if (claim && ctx.patients.addRecord(draft, 'claims', claim, subject))
    imported.set(item.subject, claim);
}

/**
 * ExplanationOfBenefit: settles the status of the Claim it answers when that was
 * imported (outcome complete or partial: paid; error: denied; queued: submitted), else is
 * read as a claim of its own, with the id of the Claim it names. The payer of a contained
 * Coverage (Synthea) is recorded as a sighting for the patient's coverage.
 */
export function mapExplanationOfBenefit(
  ctx: ImportContext,
  item: Indexed,
  e: FhirExplanationOfBenefit,
  imported: ImportedClaims,
): void {
  const { subject } = item;
  if (e.status === 'cancelled' || e.status === 'entered-in-error')
    return ctx.report.skip(subject, 'cancelled or entered in error');
  const draft = ctx.patients.draftFor(e.patient, subject, 'patient');
  if (!draft) return;
  const status =
    ownStatus(e) ??
    (e.outcome === 'error' ? 'denied' : e.outcome === 'queued' ? 'submitted' : 'paid');
  const sighted = recordSighting(ctx, item, e, draft);
  const answered = ctx.index.resolve(e.claim);
  const settled = answered.found ? imported.get(answered.found.subject) : undefined;
  if (settled) {
    settled.status = status;
    return ctx.report.use(subject);
  }
  // The id of the Claim it answers, so that importing that Claim later maps onto this record.
  const claimResource = answered.found?.parsed as FhirClaim | undefined;
  const id =
    identifierValue(claimResource?.identifier, CHRONICLE_ID.record) ??
    answered.id ??
    recordId(ctx, subject, e.identifier);
  if (id === undefined) return;
  if (!lineCode((e.item ?? []).map((i) => i.productOrService))) {
    if (sighted) return ctx.report.use(subject);
    return ctx.report.skip(subject, 'no CPT or HCPCS line');
  }
  const claim = readClaim(ctx, item, e, id, status);
  if (claim) ctx.patients.addRecord(draft, 'claims', claim, subject);
}

function readClaim(
  ctx: ImportContext,
  item: Indexed,
  c: FhirClaim | FhirExplanationOfBenefit,
  id: string,
  status: Claim['status'],
): Claim | undefined {
  const { subject } = item;
  const lines: ClaimLine[] = [];
  const dates: string[] = [];
  let placeOfService: string | undefined;
  for (const [i, line] of (c.item ?? []).entries()) {
    const code = lineCode([line.productOrService]);
    if (code === undefined) continue;
    const units = line.quantity?.value ?? 1;
    if (!Number.isInteger(units) || units < 1) {
      ctx.report.reject(
        subject,
        `item[${i}].quantity.value`,
        'units must be a whole number of at least 1; not imported',
      );
      return undefined;
    }
    const diagnoses = (line.diagnosisSequence ?? [])
      .map((seq) => diagnosisCode(ctx, c, seq))
      .filter((d): d is string => d !== undefined);
    lines.push({ code, units, ...(diagnoses.length > 0 ? { diagnoses } : {}) });
    const served = line.servicedDate ?? line.servicedPeriod?.start;
    const date = served === undefined ? undefined : practiceDate(served, ctx.timeZone);
    if (date !== undefined) dates.push(date);
    placeOfService ??= codeIn([line.locationCodeableConcept], PLACE_OF_SERVICE_SYSTEMS);
  }
  if (lines.length === 0) {
    ctx.report.skip(subject, 'no CPT or HCPCS line');
    return undefined;
  }
  const fallback = c.billablePeriod?.start ?? c.created;
  const dateOfService =
    dates.sort().at(-1) ??
    (fallback === undefined ? undefined : practiceDate(fallback, ctx.timeZone));
  if (dateOfService === undefined) {
    ctx.report.reject(
      subject,
      'item[0].servicedDate',
      'a claim needs a date of service; not imported',
    );
    return undefined;
  }
  const team = c.careTeam ?? [];
  const role = (m: (typeof team)[number], codes: string[]) =>
    (m.role?.coding ?? []).some((k) => codes.includes(k.code ?? ''));
  const member =
    team.find((m) => m.responsible === true) ??
    team.find((m) => role(m, ['primary'])) ??
    team.find((m) => role(m, ['performing', 'rendering']));
  const billingPractitionerId =
    ctx.clinicians.idFor(member?.provider) ?? ctx.clinicians.idFor(c.provider);
  if (billingPractitionerId === undefined) {
    ctx.report.reject(
      subject,
      'provider',
      'no billing practitioner (care team or provider); not imported',
    );
    return undefined;
  }
  const claim: Claim = {
    id,
    dateOfService,
    billingPractitionerId,
    ...(placeOfService === undefined ? {} : { placeOfService }),
    status,
    lines,
  };
  return checkRecord(ctx, subject, datasetClaim, claim) ? claim : undefined;
}

function ownStatus(c: FhirClaim | FhirExplanationOfBenefit): Claim['status'] | undefined {
  const code = extensionOf(c.extension, EXTENSION.claimStatus)?.valueCode;
  return (CLAIM_STATUSES as readonly string[]).includes(code ?? '')
    ? (code as Claim['status'])
    : undefined;
}

/** The ICD-10 code a line's diagnosis pointer names, in the claim or through its Condition. */
function diagnosisCode(
  ctx: ImportContext,
  c: FhirClaim | FhirExplanationOfBenefit,
  sequence: number,
): string | undefined {
  const d = (c.diagnosis ?? []).find((x) => x.sequence === sequence);
  if (!d) return undefined;
  const direct = codeIn([d.diagnosisCodeableConcept], ICD10_SYSTEMS);
  if (direct !== undefined) return direct;
  const condition = ctx.index.resolve(d.diagnosisReference).found;
  if (condition?.entry.resourceType !== 'Condition') return undefined;
  return codingIn(
    [(condition.parsed as FhirCondition | undefined)?.code],
    ICD10_SYSTEMS,
  )?.code?.trim();
}

/** Synthea names the payer only in a Coverage contained in each ExplanationOfBenefit. */
function recordSighting(
  ctx: ImportContext,
  item: Indexed,
  e: FhirExplanationOfBenefit,
  draft: PatientDraft,
): boolean {
  const contained = (e.contained ?? []).filter((r) => r.resourceType === 'Coverage');
  if (contained.length === 0) return false;
  const named = (e.insurance ?? [])
    .map((i) => i.coverage?.reference)
    .filter((r): r is string => r?.startsWith('#') === true)
    .map((r) => r.slice(1));
  const coverage =
    contained.find((r) => r.id !== undefined && named.includes(r.id)) ?? contained[0];
  const parsed = coverageSchema.safeParse(coverage);
  const when = e.billablePeriod?.start ?? e.created;
  const date = when === undefined ? undefined : practiceDate(when, ctx.timeZone);
  if (!parsed.success || date === undefined) {
    ctx.report.problem(
      item.subject,
      'contained',
      'a contained Coverage that cannot be read; its payer is ignored',
    );
    return false;
  }
  const reading = coverageKinds(parsed.data);
  if ('skip' in reading) return false;
  draft.sightings.push({ date, kinds: reading.kinds });
  return true;
}
