import { z } from 'zod';
import { DISCOVERY } from '../cds-hooks/routes.js';
import { US_MBI_SYSTEM } from './fhir-patient.js';
import { IDENTITY_SCOPES, PATIENT_READ_SCOPES } from './scopes.js';

// What Chronicle contributes to an EHR that hosts it, in one document an EHR administrator
// (or the EHR's app catalogue) reads: the patient panel and how it is launched (SMART EHR
// launch, its URLs and scopes), the CDS Hooks services (from the discovery document the
// server serves), and the FHIR resources Chronicle reads with the scopes that grant them.
// Paths are relative to where Chronicle is served; the served copy adds `baseUrl`. The
// copy checked in beside the server (chronicle-ehr-manifest.json) is this document
// without `baseUrl`, and a test keeps the two equal.

export const HOST_MANIFEST_PATH = '/.well-known/chronicle-ehr-manifest.json';
export const LAUNCH_PATH = '/smart/launch';
export const CALLBACK_PATH = '/smart/callback';
/** The console's compact patient panel; a launch ends there. */
export const PANEL_PATH = '/panel/patients/{practiceId}/{patientId}';

const text = z.string().min(1).max(1000);
const path = z.string().regex(/^\/[\w\-./{}]*$/, 'must be a path under Chronicle, starting with /');
const scope = z.string().regex(/^[\x21\x23-\x5b\x5d-\x7e]+$/, 'must be one OAuth scope');

export const hostManifestSchema = z.strictObject({
  manifestVersion: z.literal(1),
  id: z.literal('chronicle'),
  name: text,
  description: text,
  /** Where Chronicle is served (the served copy only). */
  baseUrl: z.url({ protocol: /^https?$/ }).optional(),
  contributes: z.strictObject({
    patientPanels: z.array(
      z.strictObject({
        id: text,
        title: text,
        description: text,
        /** Where the launch ends, with the Chronicle patient the EHR's patient matched. */
        path,
        launch: z.strictObject({
          type: z.literal('smart-ehr-launch'),
          launchUrl: path,
          redirectUrl: path,
          /** Scopes asked for, in the SMART 1 form; `scopesV2` where the EHR has only SMART 2. */
          scopes: z.array(scope).min(1),
          scopesV2: z.array(scope).min(1),
          clientAuthentication: z.array(z.enum(['none', 'client_secret_basic'])).min(1),
          pkce: z.literal('S256'),
          /** The panel needs a window (or tab) of its own: Chronicle's pages refuse framing. */
          display: z.literal('window'),
          /** How the EHR's patient is found among Chronicle's. */
          patientMatch: z.strictObject({ identifierSystem: z.url() }),
        }),
      }),
    ),
    cdsServices: z.strictObject({
      discoveryUrl: path,
      services: z.array(z.strictObject({ id: text, hook: text, title: text.optional() })),
    }),
  }),
  fhir: z.strictObject({
    version: z.literal('4.0.1'),
    reads: z.array(
      z.strictObject({ resourceType: text, scopes: z.array(scope).min(1), why: text }),
    ),
  }),
});

export type HostManifest = z.infer<typeof hostManifestSchema>;

/** The manifest; with `baseUrl` when the address Chronicle is reached at is known. */
export function hostManifest(baseUrl?: string): HostManifest {
  return hostManifestSchema.parse({
    manifestVersion: 1,
    id: 'chronicle',
    name: 'Chronicle',
    description:
      'Chronic Care Management billing assurance: the patient panel shows the CCM month of ' +
      'the patient in context; the CDS Hooks service puts the same status on the chart.',
    ...(baseUrl === undefined ? {} : { baseUrl }),
    contributes: {
      patientPanels: [
        {
          id: 'chronicle-ccm-patient-panel',
          title: 'Chronicle CCM',
          description:
            "The patient's name and MRN, this month's countable minutes, consent and care-plan " +
            'state, and what becomes billable next.',
          path: PANEL_PATH,
          launch: {
            type: 'smart-ehr-launch',
            launchUrl: LAUNCH_PATH,
            redirectUrl: CALLBACK_PATH,
            scopes: [...IDENTITY_SCOPES, PATIENT_READ_SCOPES.v1],
            scopesV2: [...IDENTITY_SCOPES, PATIENT_READ_SCOPES.v2],
            clientAuthentication: ['none', 'client_secret_basic'],
            pkce: 'S256',
            display: 'window',
            patientMatch: { identifierSystem: US_MBI_SYSTEM },
          },
        },
      ],
      cdsServices: {
        discoveryUrl: '/cds-services',
        services: DISCOVERY.services.map(({ id, hook, title }) => ({ id, hook, title })),
      },
    },
    fhir: {
      version: '4.0.1',
      reads: [
        {
          resourceType: 'Patient',
          scopes: [PATIENT_READ_SCOPES.v1, PATIENT_READ_SCOPES.v2],
          why: "the patient in the launch's context, read once per launch for its MBI",
        },
      ],
    },
  });
}
