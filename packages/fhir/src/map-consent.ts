import {
  PROGRAMS,
  consentSchema as datasetConsent,
  type Consent,
  type Program,
} from '@chronicle/dataset';
import { codeIn, conceptWords, extensionOf } from './codings.js';
import { practiceDate } from './fhir-dates.js';
import type { FhirConsent } from './fhir-schemas.js';
import { checkRecord, recordId, type ImportContext } from './import-context.js';
import type { Indexed } from './resource-index.js';
import { CHRONICLE_CODES, EXTENSION, SYSTEM } from './systems.js';

/**
 * Consent, by Chronicle's convention (docs/admin/fhir.md): a care-management consent is
 * one whose category carries Chronicle's program coding, or whose category, scope or
 * policy names the program ("chronic care management", "CCM", ...). The decision is the
 * provision's type (permit: accepted, deny: declined; status rejected: declined); the
 * revocation date is provision.period.end. The billing practitioner is the provision
 * actor in role PPRF (primary performer), who obtained it the actor in role AUT.
 */
export function mapConsent(ctx: ImportContext, item: Indexed, c: FhirConsent): void {
  const { subject } = item;
  if (c.status === 'draft' || c.status === 'proposed' || c.status === 'entered-in-error')
    return ctx.report.skip(subject, 'draft, proposed or entered in error');
  const program = programOf(c);
  if (program === undefined) return ctx.report.skip(subject, 'not a care-management consent');
  const draft = ctx.patients.draftFor(c.patient, subject, 'patient');
  if (!draft) return;
  const id = recordId(ctx, subject, c.identifier);
  if (id === undefined) return;
  const when = c.dateTime ?? c.provision?.period?.start;
  const date = when === undefined ? undefined : practiceDate(when, ctx.timeZone);
  if (date === undefined)
    return ctx.report.reject(
      subject,
      'dateTime',
      'a consent needs the date it was given; not imported',
    );
  const declined = c.status === 'rejected' || c.provision?.type === 'deny';
  const ended = c.provision?.period?.end;
  const revokedOn = ended === undefined ? undefined : practiceDate(ended, ctx.timeZone);
  if (!declined && c.status === 'inactive' && revokedOn === undefined)
    return ctx.report.reject(
      subject,
      'provision.period.end',
      'an inactive (revoked) consent needs the date it ended; not imported',
    );
  if (revokedOn !== undefined && revokedOn < date)
    return ctx.report.reject(
      subject,
      'provision.period.end',
      'before the consent date; not imported',
    );
  const actors = (c.provision?.actor ?? []).map((a, i) => ({
    role: codeIn([a.role], SYSTEM.participationType),
    ref: a.reference,
    i,
  }));
  const inRole = (role: string) => actors.find((a) => a.role === role);
  const practitioner = inRole('PPRF') ?? actors[0];
  const practitionerId = ctx.clinicians.idFor(practitioner?.ref);
  if (practitionerId === undefined)
    return ctx.report.reject(
      subject,
      practitioner ? `provision.actor[${practitioner.i}].reference` : 'provision.actor',
      'no practitioner the patient consented to (an actor in role PPRF); not imported',
    );
  const obtainedById = ctx.clinicians.idFor(inRole('AUT')?.ref) ?? practitionerId;
  const consent: Consent = {
    id,
    program,
    date,
    method: methodOf(c),
    practitionerId,
    obtainedById,
    decision: declined ? 'declined' : 'accepted',
    informed: informedOf(c),
    ...(revokedOn === undefined ? {} : { revokedOn }),
  };
  if (checkRecord(ctx, subject, datasetConsent, consent))
    ctx.patients.addRecord(draft, 'consents', consent, subject);
}

const PROGRAM_WORDS: ReadonlyArray<[RegExp, Program]> = [
  [/chronic care management|\bccm\b/i, 'ccm'],
  [/principal care management|\bpcm\b/i, 'pcm'],
  [/behavioral health integration|\bbhi\b/i, 'bhi'],
  [/advanced primary care|\bapcm\b/i, 'apcm'],
];

function programOf(c: FhirConsent): Program | undefined {
  const own = codeIn(c.category ?? [], CHRONICLE_CODES.program);
  if (own !== undefined && (PROGRAMS as readonly string[]).includes(own)) return own as Program;
  const words = [
    conceptWords([...(c.category ?? []), c.scope, c.policyRule]),
    ...(c.policy ?? []).map((p) => p.uri ?? ''),
  ].join(' ');
  return PROGRAM_WORDS.find(([pattern]) => pattern.test(words))?.[1];
}

function methodOf(c: FhirConsent): Consent['method'] {
  const own = extensionOf(c.extension, EXTENSION.consentMethod)?.valueCode;
  if (own === 'verbal' || own === 'written') return own;
  return c.sourceAttachment !== undefined || c.sourceReference !== undefined ? 'written' : 'verbal';
}

/** The points the patient was told; FHIR has no element for them, so absent means not recorded. */
function informedOf(c: FhirConsent): Consent['informed'] {
  const parts = extensionOf(c.extension, EXTENSION.informed)?.extension ?? [];
  const flag = (url: string) => parts.find((p) => p.url === url)?.valueBoolean;
  const electronicSharing = flag('electronicSharing');
  return {
    availability: flag('availability') ?? false,
    costSharing: flag('costSharing') ?? false,
    onePractitionerPerMonth: flag('onePractitionerPerMonth') ?? false,
    rightToStop: flag('rightToStop') ?? false,
    ...(electronicSharing === undefined ? {} : { electronicSharing }),
  };
}
