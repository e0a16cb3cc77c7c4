import type { z } from 'zod';
import { problemsFromZod } from '@chronicle/dataset';
import type { ClinicianRegistry } from './clinician-registry.js';
import type { FhirEncounter, Identifier, Reference } from './fhir-schemas.js';
import { identifierValue } from './ids.js';
import type { ReportCollector, Subject } from './import-report.js';
import type { PatientRegistry } from './patient-registry.js';
import type { ResourceIndex } from './resource-index.js';
import { CHRONICLE_ID, SYSTEM } from './systems.js';

/** What every mapper reads and writes through. */
export interface ImportContext {
  timeZone: string;
  report: ReportCollector;
  index: ResourceIndex;
  clinicians: ClinicianRegistry;
  patients: PatientRegistry;
}

/** A record's id: Chronicle's identifier when the resource came from a Chronicle export, else its FHIR id. */
export function recordId(
  ctx: ImportContext,
  subject: Subject,
  identifiers: readonly Identifier[] | undefined,
): string | undefined {
  const id = identifierValue(identifiers, CHRONICLE_ID.record) ?? subject.id;
  if (id === undefined) ctx.report.reject(subject, 'id', 'the resource needs an id');
  return id;
}

const PERFORMER_RANK: Readonly<Record<string, number>> = { PPRF: 0, ATND: 1, SPRF: 2, PART: 3 };

/** The practitioner of an encounter: primary performer, attender, then any participant. */
export function encounterClinician(
  ctx: ImportContext,
  participants: FhirEncounter['participant'],
): string | undefined {
  const rank = (p: NonNullable<FhirEncounter['participant']>[number]) =>
    Math.min(
      9,
      ...(p.type ?? []).flatMap((t) =>
        (t.coding ?? [])
          .filter((c) => c.system === SYSTEM.participationType)
          .map((c) =>
            c.code !== undefined && Object.hasOwn(PERFORMER_RANK, c.code)
              ? (PERFORMER_RANK[c.code] as number)
              : 9,
          ),
      ),
    );
  const ranked = [...(participants ?? [])].sort((a, b) => rank(a) - rank(b));
  for (const p of ranked) {
    const id = ctx.clinicians.idFor(p.individual);
    if (id !== undefined) return id;
  }
  return undefined;
}

/** The practitioner of the Encounter a reference names (a CarePlan or Procedure's context). */
export function clinicianOfEncounter(
  ctx: ImportContext,
  ref: Reference | undefined,
): string | undefined {
  const found = ctx.index.resolve(ref).found;
  if (found?.entry.resourceType !== 'Encounter' || !found.parsed) return undefined;
  return encounterClinician(ctx, (found.parsed as FhirEncounter).participant);
}

/**
 * Checks a mapped record against the dataset's own schema. A failure is a value the
 * mapping let through that the format refuses: the resource is reported, not imported.
 */
export function checkRecord<T>(
  ctx: ImportContext,
  subject: Subject,
  schema: z.ZodType<T>,
  record: T,
): record is T {
  const parsed = schema.safeParse(record);
  if (parsed.success) return true;
  const fields = problemsFromZod(parsed.error, record)
    .map((p) => `${p.path} ${p.message}`)
    .join('; ');
  ctx.report.reject(subject, '', `does not make a valid record (${fields}); not imported`);
  return false;
}
