import { z } from 'zod';

// The CDS Hooks 2.0 shapes Chronicle reads and writes (https://cds-hooks.hl7.org/2.0/):
// the hook request it accepts, and the discovery document and card response it returns.
// The response schemas are strict, with the spec's rule that an optional element is left
// out rather than sent empty, so a test (or a client) can check every answer against them.

const text = z.string().min(1);

export const codingSchema = z.strictObject({
  code: text,
  system: text,
  display: text.optional(),
});

export const linkSchema = z.strictObject({
  label: text,
  url: z.url(),
  type: z.enum(['absolute', 'smart']),
  appContext: text.optional(),
});

export const actionSchema = z.strictObject({
  type: z.enum(['create', 'update', 'delete']),
  description: text,
  resource: z.record(z.string(), z.unknown()).optional(),
  resourceId: text.optional(),
});

export const suggestionSchema = z.strictObject({
  label: text,
  uuid: text.optional(),
  isRecommended: z.boolean().optional(),
  actions: z.array(actionSchema).min(1).optional(),
});

export const cardSchema = z
  .strictObject({
    uuid: text.optional(),
    /** One sentence for display in the card. */
    summary: text.max(140),
    /** GitHub Flavored Markdown. */
    detail: text.optional(),
    indicator: z.enum(['info', 'warning', 'critical']),
    source: z.strictObject({
      label: text,
      url: z.url().optional(),
      icon: z.url().optional(),
      topic: codingSchema.optional(),
    }),
    suggestions: z.array(suggestionSchema).min(1).optional(),
    selectionBehavior: z.enum(['at-most-one', 'any']).optional(),
    overrideReasons: z
      .array(codingSchema.required({ display: true }))
      .min(1)
      .optional(),
    links: z.array(linkSchema).min(1).optional(),
  })
  .refine((c) => c.suggestions === undefined || c.selectionBehavior !== undefined, {
    error: 'cards with suggestions need a selectionBehavior',
    path: ['selectionBehavior'],
  });
export type Card = z.infer<typeof cardSchema>;

export const cdsResponseSchema = z.strictObject({
  cards: z.array(cardSchema),
  systemActions: z.array(actionSchema).min(1).optional(),
});
export type CdsResponse = z.infer<typeof cdsResponseSchema>;

export const discoverySchema = z.strictObject({
  services: z.array(
    z.strictObject({
      hook: text,
      title: text.optional(),
      description: text,
      id: text,
      prefetch: z.record(z.string(), text).optional(),
      usageRequirements: text.optional(),
    }),
  ),
});
export type Discovery = z.infer<typeof discoverySchema>;

/**
 * A `patient-view` call. Unknown fields (extensions, prefetch this service never asked
 * for) are allowed and ignored; the ones Chronicle reads are checked.
 */
export const patientViewRequestSchema = z.looseObject({
  hook: z.literal('patient-view', { error: 'must be "patient-view"' }),
  hookInstance: z.string().min(1, 'is required').max(200),
  fhirServer: z.url().optional(),
  fhirAuthorization: z.looseObject({}).optional(),
  context: z.looseObject({
    /** The user in the EHR: Practitioner/123, PractitionerRole/123, Patient/… */
    userId: z.string().min(1, 'is required').max(500),
    patientId: z.string().min(1, 'is required').max(200),
    encounterId: z.string().min(1).max(200).optional(),
  }),
  prefetch: z.looseObject({}).optional(),
});
export type PatientViewRequest = z.infer<typeof patientViewRequestSchema>;
