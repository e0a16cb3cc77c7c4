import {
  CLINICIAN_ROLES,
  CREDENTIALS,
  isValidNpi,
  type Clinician,
  type ClinicianRole,
  type Credential,
} from '@chronicle/dataset';
import { extensionOf } from './codings.js';
import { credentialFromV2, defaultRole } from './credentials.js';
import type { FhirPractitioner, Reference } from './fhir-schemas.js';
import { identifierValue } from './ids.js';
import type { ReportCollector, Subject } from './import-report.js';
import type { ResourceIndex } from './resource-index.js';
import { CHRONICLE_CODES, CHRONICLE_ID, EXTENSION, SYSTEM } from './systems.js';

// The practice's clinicians as the import sees them. Clinicians already stored are kept as
// they are (Chronicle holds the credential and role the audit depends on, which FHIR often
// lacks); a Practitioner matching one by id or NPI maps onto it. A reference to a
// practitioner not in the input (`Practitioner/x`, or only an NPI, as claims data gives
// it) becomes a clinician of its own, named by the reference, so that the record it
// appears on can still be imported; a later import that holds the Practitioner maps onto
// the same id.

export class ClinicianRegistry {
  private readonly clinicians: Clinician[];
  private readonly byId = new Map<string, Clinician>();
  private readonly byNpi = new Map<string, string>();
  /** Practitioner resources (by their report handle) -> clinician id. */
  private readonly fromResource = new Map<object, string>();

  constructor(
    existing: readonly Clinician[],
    private readonly index: ResourceIndex,
    private readonly report: ReportCollector,
  ) {
    this.clinicians = [...existing];
    for (const c of existing) this.remember(c);
  }

  list(): Clinician[] {
    return this.clinicians;
  }

  addPractitioner(subject: Subject, practitioner: FhirPractitioner): void {
    const id = identifierValue(practitioner.identifier, CHRONICLE_ID.clinician) ?? subject.id;
    if (id === undefined) return this.report.reject(subject, 'id', 'a Practitioner needs an id');
    const npiAt = practitioner.identifier?.findIndex((i) => i.system === SYSTEM.npi) ?? -1;
    const npi = npiAt >= 0 ? practitioner.identifier?.[npiAt]?.value : undefined;
    const known = this.byId.get(id) ?? this.byNpiOf(npi);
    if (known) {
      this.fromResource.set(subject, known.id);
      return this.report.use(subject);
    }
    if (npi !== undefined && !isValidNpi(npi))
      this.report.problem(
        subject,
        `identifier[${npiAt}].value`,
        'not a valid NPI (10 digits with a check digit); the clinician is imported without one',
      );
    const credential = readCredential(practitioner);
    const role = readRole(practitioner) ?? defaultRole(credential);
    const clinician: Clinician = {
      id,
      name: practitionerName(practitioner) ?? `Practitioner ${id}`,
      ...(npi !== undefined && isValidNpi(npi) ? { npi } : {}),
      credential: credential ?? 'other-clinical',
      role,
    };
    this.add(clinician);
    this.fromResource.set(subject, id);
    this.report.use(subject);
  }

  /** The clinician a reference names, registering one for a practitioner known only by reference. */
  idFor(ref: Reference | undefined): string | undefined {
    if (ref === undefined) return undefined;
    const { found, type, id } = this.index.resolve(ref);
    if (found) {
      if (found.entry.resourceType === 'PractitionerRole') {
        const inner = (found.parsed as { practitioner?: Reference } | undefined)?.practitioner;
        if (inner !== undefined && inner !== ref) {
          const clinician = this.idFor(inner);
          if (clinician !== undefined) this.report.use(found.subject);
          return clinician;
        }
        return undefined;
      }
      return this.fromResource.get(found.subject);
    }
    if (type === 'Practitioner' && id !== undefined) {
      if (!this.byId.has(id))
        this.add({
          id,
          name: ref.display?.trim() || `Practitioner ${id}`,
          credential: 'other-clinical',
          role: 'practitioner',
        });
      return id;
    }
    const identifier = ref.identifier;
    const isNpi =
      identifier?.system === SYSTEM.npi ||
      (identifier?.type?.coding ?? []).some((c) => c.code?.toLowerCase() === 'npi') ||
      identifier?.system === 'https://bluebutton.cms.gov/resources/variables/carr_clm_blg_npi_num';
    const npi = identifier?.value?.trim();
    if (type === undefined && isNpi && npi) {
      const known = this.byNpiOf(npi);
      if (known) return known.id;
      const stubId = `npi-${npi}`;
      if (!this.byId.has(stubId))
        this.add({
          id: stubId,
          name: ref.display?.trim() || `NPI ${npi}`,
          ...(isValidNpi(npi) ? { npi } : {}),
          credential: 'other-clinical',
          role: 'practitioner',
        });
      return stubId;
    }
    return undefined;
  }

  private byNpiOf(npi: string | undefined): Clinician | undefined {
    const id = npi === undefined ? undefined : this.byNpi.get(npi);
    return id === undefined ? undefined : this.byId.get(id);
  }

  private add(clinician: Clinician): void {
    this.clinicians.push(clinician);
    this.remember(clinician);
  }

  private remember(clinician: Clinician): void {
    this.byId.set(clinician.id, clinician);
    if (clinician.npi !== undefined && !this.byNpi.has(clinician.npi))
      this.byNpi.set(clinician.npi, clinician.id);
  }
}

function readCredential(p: FhirPractitioner): Credential | undefined {
  const codes = (p.qualification ?? []).flatMap((q) => q.code.coding ?? []);
  const own = codes.find((c) => c.system === CHRONICLE_CODES.credential)?.code;
  if (own !== undefined && (CREDENTIALS as readonly string[]).includes(own))
    return own as Credential;
  for (const c of codes)
    if (c.system === SYSTEM.v2Degree && c.code !== undefined) {
      const credential = credentialFromV2(c.code);
      if (credential) return credential;
    }
  return undefined;
}

function readRole(p: FhirPractitioner): ClinicianRole | undefined {
  const code = extensionOf(p.extension, EXTENSION.clinicianRole)?.valueCode;
  return code !== undefined && (CLINICIAN_ROLES as readonly string[]).includes(code)
    ? (code as ClinicianRole)
    : undefined;
}

function practitionerName(p: FhirPractitioner): string | undefined {
  const name = p.name?.find((n) => n.use === 'official') ?? p.name?.[0];
  if (!name) return undefined;
  if (name.text?.trim()) return name.text.trim();
  const parts = [
    ...(name.prefix ?? []),
    ...(name.given ?? []),
    name.family,
    ...(name.suffix ?? []),
  ];
  const text = parts.filter((s): s is string => typeof s === 'string' && s.trim() !== '').join(' ');
  return text === '' ? undefined : text;
}
