import { formatProblem, parseDataset, type Dataset, type Practice } from '@chronicle/dataset';
import { ClinicianRegistry } from './clinician-registry.js';
import { collectEntries, parseNdjson, type FhirEntry, type NdjsonFile } from './fhir-input.js';
import { READ_SCHEMAS, type ReadType } from './fhir-schemas.js';
import type { ImportContext } from './import-context.js';
import { ReportCollector, type FhirImportReport } from './import-report.js';
import { mapCarePlan } from './map-care-plan.js';
import { mapClaim, mapExplanationOfBenefit, type ImportedClaims } from './map-claim.js';
import { mapCondition } from './map-condition.js';
import { mapConsent } from './map-consent.js';
import { coverageFromSightings, mapCoverage } from './map-coverage.js';
import { mapEncounter } from './map-encounter.js';
import { mapPatient } from './map-patient.js';
import { mapProcedure } from './map-procedure.js';
import { MAX_RESOURCE_DEPTH, nestedDeeperThan } from './nesting.js';
import { PatientRegistry } from './patient-registry.js';
import { ResourceIndex, type Indexed } from './resource-index.js';
import { salvage } from './salvage.js';

export interface FhirImportOptions {
  /** The practice the resources belong to (FHIR does not say); ignored when `existing` is given. */
  practice?: Practice;
  /** The practice's stored dataset: the input is merged into it (see patient-registry.ts). */
  existing?: Dataset;
}

export interface FhirImportResult {
  dataset: Dataset;
  report: FhirImportReport;
}

/** A mapping that produced a document the dataset format refuses: a bug of the mapping, not of the input. */
export class FhirMappingError extends Error {
  override name = 'FhirMappingError';
}

/**
 * FHIR R4 resources (a Bundle of any type, a resource, or a list of them) to a dataset.
 * Resources Chronicle does not use are counted and skipped; malformed ones are reported
 * with their id and the path of the element and left out; the rest is imported. Ids come
 * from the resources, so importing the same input again gives the same dataset.
 */
export function fhirToDataset(input: unknown, options: FhirImportOptions): FhirImportResult {
  const report = new ReportCollector();
  return convert(collectEntries(input, report), options, report);
}

/** The same from bulk-data NDJSON files (one resource per line; files are named by type). */
export function ndjsonToDataset(
  files: readonly NdjsonFile[],
  options: FhirImportOptions,
): FhirImportResult {
  const report = new ReportCollector();
  const resources = parseNdjson(files, report);
  return convert(collectEntries(resources, report), options, report);
}

// Practitioners before anything that refers to them, patients before their records,
// Claims before the ExplanationOfBenefits that settle them.
const ORDER: readonly ReadType[] = [
  'Practitioner',
  'PractitionerRole',
  'Patient',
  'Coverage',
  'Condition',
  'Encounter',
  'Consent',
  'CarePlan',
  'Procedure',
  'Claim',
  'ExplanationOfBenefit',
];

function convert(
  entries: FhirEntry[],
  options: FhirImportOptions,
  report: ReportCollector,
): FhirImportResult {
  const practice = options.existing?.practice ?? options.practice;
  if (!practice)
    throw new TypeError('fhirToDataset: a practice, or the existing dataset, is needed');
  const index = new ResourceIndex();
  const byType = new Map<string, Indexed[]>();
  for (const entry of entries) {
    const item: Indexed = { entry, subject: { resourceType: entry.resourceType, id: entry.id } };
    report.seen(item.subject);
    // Own keys only: a resourceType such as "toString" names a member of every object.
    const schema = Object.hasOwn(READ_SCHEMAS, entry.resourceType)
      ? READ_SCHEMAS[entry.resourceType as ReadType]
      : undefined;
    if (schema && nestedDeeperThan(entry.resource, MAX_RESOURCE_DEPTH))
      report.reject(
        item.subject,
        '',
        `nested more than ${MAX_RESOURCE_DEPTH} levels deep; not imported`,
      );
    else if (schema) {
      const read = salvage<Record<string, unknown>>(schema, entry.resource);
      if (read.value) {
        item.parsed = read.value;
        for (const p of read.problems)
          report.problem(item.subject, p.path, `${p.message}; ignored`);
      } else
        for (const p of read.problems)
          report.reject(item.subject, p.path, `${p.message}; not imported`);
    }
    index.add(item);
    const list = byType.get(entry.resourceType) ?? [];
    list.push(item);
    byType.set(entry.resourceType, list);
  }
  const existing = options.existing;
  const clinicians = new ClinicianRegistry(existing?.clinicians ?? [], index, report);
  const patients = new PatientRegistry(existing?.patients ?? [], index, report);
  const ctx: ImportContext = { timeZone: practice.timezone, report, index, clinicians, patients };
  const claims: ImportedClaims = new Map();
  const coverageGiven = new Set<object>();

  for (const type of ORDER)
    for (const item of byType.get(type) ?? []) {
      // eslint-disable-next-line @typescript-eslint/no-explicit-any -- each case narrows by the type it reads
      const r = item.parsed as any;
      if (r === undefined) continue;
      switch (type) {
        case 'Practitioner':
          clinicians.addPractitioner(item.subject, r);
          break;
        case 'PractitionerRole':
          break; // read through the references that name it
        case 'Patient': {
          const demographics = mapPatient(item.subject, r, ctx.timeZone, report);
          if (demographics) patients.addPatient(item.subject, demographics);
          break;
        }
        case 'Coverage': {
          const coverage = mapCoverage(item.subject, r, ctx.timeZone, report);
          if (!coverage) break;
          const draft = patients.draftFor(r.beneficiary, item.subject, 'beneficiary');
          if (!draft) break;
          draft.coverage.push(...coverage);
          coverageGiven.add(draft);
          report.use(item.subject);
          break;
        }
        case 'Condition':
          mapCondition(ctx, item, r);
          break;
        case 'Encounter':
          mapEncounter(ctx, item, r);
          break;
        case 'Consent':
          mapConsent(ctx, item, r);
          break;
        case 'CarePlan':
          mapCarePlan(ctx, item, r);
          break;
        case 'Procedure':
          mapProcedure(ctx, item, r);
          break;
        case 'Claim':
          mapClaim(ctx, item, r, claims);
          break;
        case 'ExplanationOfBenefit':
          mapExplanationOfBenefit(ctx, item, r, claims);
          break;
      }
    }
  // Synthea's payer history, where no Coverage resource says better.
  for (const draft of patients.allDrafts())
    if (!coverageGiven.has(draft) && draft.sightings.length > 0)
      draft.coverage = coverageFromSightings(draft.sightings);

  const document = {
    format: 'ccm-dataset',
    version: 1,
    practice,
    clinicians: clinicians.list(),
    patients: patients.patients(),
  };
  const parsed = parseDataset(document);
  if (!parsed.ok)
    throw new FhirMappingError(
      `the FHIR import built an invalid dataset:\n${parsed.problems.map(formatProblem).join('\n')}`,
    );
  return { dataset: parsed.value, report: report.finish() };
}
