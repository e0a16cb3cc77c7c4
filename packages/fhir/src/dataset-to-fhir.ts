import type { Dataset, Patient } from '@chronicle/dataset';
import type {
  Bundle,
  BundleEntry,
  Coverage,
  Patient as FhirPatient,
  Practitioner,
  Reference,
  Resource,
} from '@medplum/fhirtypes';
import { ExportIds } from './export-ids.js';
import { coverageOf, patientOf, practitionerOf } from './to-fhir-people.js';
import { carePlanOf, consentOf } from './to-fhir-care.js';
import { claimOf } from './to-fhir-claim.js';
import { conditionOf, encounterOf, procedureOf } from './to-fhir-records.js';

/**
 * A dataset as a FHIR R4 collection Bundle: the clinicians as Practitioners, then each
 * patient with their Coverage, Condition, Encounter, Consent, CarePlan (one per care-plan
 * event), Procedure (one per time entry) and Claim resources. `fhirToDataset` reads it
 * back into the same dataset; another system reads the standard elements (see
 * docs/admin/fhir.md). The practice itself is not in the Bundle: an import names it.
 */
export function datasetToFhir(dataset: Dataset): Bundle {
  const ids = new ExportIds();
  const entries: Resource[] = [];
  const practitioners = new Map<string, string>();
  for (const c of dataset.clinicians) {
    const id = ids.allocate('Practitioner', c.id);
    practitioners.set(c.id, id);
    entries.push(practitionerOf(c, id));
  }
  const clinician = (clinicianId: string): Reference<Practitioner> => ({
    reference: `Practitioner/${practitioners.get(clinicianId) ?? clinicianId}`,
  });
  for (const p of dataset.patients) entries.push(...patientResources(p, ids, clinician));
  return {
    resourceType: 'Bundle',
    type: 'collection',
    entry: entries.map((resource): BundleEntry => ({ resource })),
  };
}

function patientResources(
  p: Patient,
  ids: ExportIds,
  clinician: (id: string) => Reference<Practitioner>,
): Resource[] {
  const patientId = ids.allocate('Patient', p.id);
  const subject: Reference<FhirPatient> = { reference: `Patient/${patientId}` };
  const out: Resource[] = [patientOf(p, patientId)];
  const coverageIds = p.coverage.map((c, i) => {
    const id = ids.allocate('Coverage', p.id, 'coverage', String(i));
    out.push(coverageOf(c, id, subject));
    return id;
  });
  for (const c of p.conditions)
    out.push(conditionOf(c, ids.allocate('Condition', p.id, c.id), subject));
  for (const e of p.encounters)
    out.push(encounterOf(e, ids.allocate('Encounter', p.id, e.id), subject, clinician));
  for (const c of p.consents)
    out.push(consentOf(c, ids.allocate('Consent', p.id, c.id), subject, clinician));
  for (const c of p.carePlans)
    out.push(carePlanOf(c, ids.allocate('CarePlan', p.id, c.id), subject, clinician));
  for (const t of p.timeEntries)
    out.push(procedureOf(t, ids.allocate('Procedure', p.id, t.id), subject, clinician));
  for (const c of p.claims) {
    // The coverage in force on the date of service, as the claim's insurance.
    const at = p.coverage.findIndex(
      (k) => k.start <= c.dateOfService && (k.end === undefined || k.end >= c.dateOfService),
    );
    const coverage: Reference<Coverage> =
      at >= 0 ? { reference: `Coverage/${coverageIds[at]}` } : { display: 'no coverage on file' };
    out.push(claimOf(c, ids.allocate('Claim', p.id, c.id), subject, clinician, coverage));
  }
  return out;
}
