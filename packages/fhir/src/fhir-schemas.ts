import { z } from 'zod';

// The parts of FHIR R4 resources the import reads, as zod schemas. Objects are loose:
// FHIR resources carry far more than Chronicle reads, and an element it does not read is
// never a problem. What it reads must have the FHIR type, or the resource is reported
// with the path of the element (`code.coding[0].system`) and left out.

// FHIR date and dateTime: a year, year-month or date, and for dateTime optionally a time
// with its offset (the offset is required when a time is given).
const DATE = /^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$/;
const DATE_TIME =
  /^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01])(T([01]\d|2[0-3]):[0-5]\d(:([0-5]\d|60)(\.\d+)?)?(Z|[+-]((0\d|1[0-3]):[0-5]\d|14:00)))?)?)?$/;

export const fhirDate = z.string().regex(DATE, 'must be a FHIR date (YYYY, YYYY-MM or YYYY-MM-DD)');
export const fhirDateTime = z
  .string()
  .regex(DATE_TIME, 'must be a FHIR dateTime (a date, or a date and time with its offset)');

export const codingSchema = z.looseObject({
  system: z.string().optional(),
  code: z.string().optional(),
  display: z.string().optional(),
});
export type Coding = z.infer<typeof codingSchema>;

export const codeableConceptSchema = z.looseObject({
  coding: z.array(codingSchema).optional(),
  text: z.string().optional(),
});
export type CodeableConcept = z.infer<typeof codeableConceptSchema>;

export const periodSchema = z.looseObject({
  start: fhirDateTime.optional(),
  end: fhirDateTime.optional(),
});
export type Period = z.infer<typeof periodSchema>;

export interface Extension {
  url: string;
  valueBoolean?: boolean | undefined;
  valueCode?: string | undefined;
  valueString?: string | undefined;
  valueDecimal?: number | undefined;
  valueDate?: string | undefined;
  valueCoding?: Coding | undefined;
  valueReference?: Reference | undefined;
  extension?: Extension[] | undefined;
}

export const identifierSchema = z.looseObject({
  system: z.string().optional(),
  value: z.string().optional(),
  type: codeableConceptSchema.optional(),
  period: periodSchema.optional(),
});
export type Identifier = z.infer<typeof identifierSchema>;

export const referenceSchema = z.looseObject({
  reference: z.string().optional(),
  display: z.string().optional(),
  identifier: identifierSchema.optional(),
});
export type Reference = z.infer<typeof referenceSchema>;

export const extensionSchema: z.ZodType<Extension> = z.looseObject({
  url: z.string(),
  valueBoolean: z.boolean().optional(),
  valueCode: z.string().optional(),
  valueString: z.string().optional(),
  valueDecimal: z.number().optional(),
  valueDate: fhirDate.optional(),
  valueCoding: codingSchema.optional(),
  valueReference: referenceSchema.optional(),
  get extension() {
    return z.array(extensionSchema).optional();
  },
});

const extensions = z.array(extensionSchema).optional();
const concepts = z.array(codeableConceptSchema).optional();
const references = z.array(referenceSchema).optional();
const base = {
  id: z.string().optional(),
  extension: extensions,
  identifier: z.array(identifierSchema).optional(),
};

export const patientSchema = z.looseObject({
  ...base,
  resourceType: z.literal('Patient'),
  name: z
    .array(
      z.looseObject({
        use: z.string().optional(),
        text: z.string().optional(),
        family: z.string().optional(),
        given: z.array(z.string()).optional(),
      }),
    )
    .optional(),
  birthDate: fhirDate.optional(),
  deceasedBoolean: z.boolean().optional(),
  deceasedDateTime: fhirDateTime.optional(),
  generalPractitioner: references,
});

export const practitionerSchema = z.looseObject({
  ...base,
  resourceType: z.literal('Practitioner'),
  name: z
    .array(
      z.looseObject({
        use: z.string().optional(),
        text: z.string().optional(),
        family: z.string().optional(),
        given: z.array(z.string()).optional(),
        prefix: z.array(z.string()).optional(),
        suffix: z.array(z.string()).optional(),
      }),
    )
    .optional(),
  qualification: z.array(z.looseObject({ code: codeableConceptSchema })).optional(),
});

export const practitionerRoleSchema = z.looseObject({
  ...base,
  resourceType: z.literal('PractitionerRole'),
  practitioner: referenceSchema.optional(),
});

export const coverageSchema = z.looseObject({
  ...base,
  resourceType: z.literal('Coverage'),
  status: z.string().optional(),
  type: codeableConceptSchema.optional(),
  beneficiary: referenceSchema.optional(),
  period: periodSchema.optional(),
  class: z
    .array(
      z.looseObject({
        type: codeableConceptSchema.optional(),
        value: z.string().optional(),
        name: z.string().optional(),
      }),
    )
    .optional(),
});

export const conditionSchema = z.looseObject({
  ...base,
  resourceType: z.literal('Condition'),
  clinicalStatus: codeableConceptSchema.optional(),
  verificationStatus: codeableConceptSchema.optional(),
  code: codeableConceptSchema.optional(),
  subject: referenceSchema.optional(),
  onsetDateTime: fhirDateTime.optional(),
  onsetPeriod: periodSchema.optional(),
  abatementDateTime: fhirDateTime.optional(),
  abatementPeriod: periodSchema.optional(),
  recordedDate: fhirDateTime.optional(),
});

const participants = z
  .array(z.looseObject({ type: concepts, individual: referenceSchema.optional() }))
  .optional();

export const encounterSchema = z.looseObject({
  ...base,
  resourceType: z.literal('Encounter'),
  status: z.string().optional(),
  class: codingSchema.optional(),
  type: concepts,
  serviceType: codeableConceptSchema.optional(),
  subject: referenceSchema.optional(),
  participant: participants,
  period: periodSchema.optional(),
});

export const consentSchema = z.looseObject({
  ...base,
  resourceType: z.literal('Consent'),
  status: z.string().optional(),
  scope: codeableConceptSchema.optional(),
  category: concepts,
  patient: referenceSchema.optional(),
  dateTime: fhirDateTime.optional(),
  policy: z.array(z.looseObject({ uri: z.string().optional() })).optional(),
  policyRule: codeableConceptSchema.optional(),
  sourceAttachment: z.looseObject({}).optional(),
  sourceReference: referenceSchema.optional(),
  provision: z
    .looseObject({
      type: z.string().optional(),
      period: periodSchema.optional(),
      actor: z
        .array(z.looseObject({ role: codeableConceptSchema, reference: referenceSchema }))
        .optional(),
    })
    .optional(),
});

export const carePlanSchema = z.looseObject({
  ...base,
  resourceType: z.literal('CarePlan'),
  status: z.string().optional(),
  intent: z.string().optional(),
  category: concepts,
  subject: referenceSchema.optional(),
  encounter: referenceSchema.optional(),
  period: periodSchema.optional(),
  created: fhirDateTime.optional(),
  author: referenceSchema.optional(),
  contributor: references,
  addresses: references,
  goal: references,
  activity: z.array(z.looseObject({})).optional(),
});

export const procedureSchema = z.looseObject({
  ...base,
  resourceType: z.literal('Procedure'),
  status: z.string().optional(),
  code: codeableConceptSchema.optional(),
  subject: referenceSchema.optional(),
  encounter: referenceSchema.optional(),
  performedDateTime: fhirDateTime.optional(),
  performedPeriod: periodSchema.optional(),
  asserter: referenceSchema.optional(),
  performer: z
    .array(z.looseObject({ function: codeableConceptSchema.optional(), actor: referenceSchema }))
    .optional(),
  note: z.array(z.looseObject({ text: z.string() })).optional(),
});

const claimItem = z.looseObject({
  sequence: z.number().int().optional(),
  productOrService: codeableConceptSchema.optional(),
  quantity: z.looseObject({ value: z.number().optional() }).optional(),
  servicedDate: fhirDate.optional(),
  servicedPeriod: periodSchema.optional(),
  locationCodeableConcept: codeableConceptSchema.optional(),
  diagnosisSequence: z.array(z.number().int()).optional(),
  careTeamSequence: z.array(z.number().int()).optional(),
});
const careTeam = z
  .array(
    z.looseObject({
      sequence: z.number().int().optional(),
      provider: referenceSchema,
      responsible: z.boolean().optional(),
      role: codeableConceptSchema.optional(),
    }),
  )
  .optional();
const diagnosis = z
  .array(
    z.looseObject({
      sequence: z.number().int().optional(),
      diagnosisCodeableConcept: codeableConceptSchema.optional(),
      diagnosisReference: referenceSchema.optional(),
    }),
  )
  .optional();
const claimFields = {
  ...base,
  status: z.string().optional(),
  patient: referenceSchema.optional(),
  billablePeriod: periodSchema.optional(),
  created: fhirDateTime.optional(),
  provider: referenceSchema.optional(),
  careTeam,
  diagnosis,
  item: z.array(claimItem).optional(),
};

export const claimSchema = z.looseObject({
  ...claimFields,
  resourceType: z.literal('Claim'),
});

export const explanationOfBenefitSchema = z.looseObject({
  ...claimFields,
  resourceType: z.literal('ExplanationOfBenefit'),
  outcome: z.string().optional(),
  claim: referenceSchema.optional(),
  insurance: z.array(z.looseObject({ coverage: referenceSchema.optional() })).optional(),
  contained: z
    .array(z.looseObject({ resourceType: z.string(), id: z.string().optional() }))
    .optional(),
});

export type FhirPatient = z.infer<typeof patientSchema>;
export type FhirPractitioner = z.infer<typeof practitionerSchema>;
export type FhirPractitionerRole = z.infer<typeof practitionerRoleSchema>;
export type FhirCoverage = z.infer<typeof coverageSchema>;
export type FhirCondition = z.infer<typeof conditionSchema>;
export type FhirEncounter = z.infer<typeof encounterSchema>;
export type FhirConsent = z.infer<typeof consentSchema>;
export type FhirCarePlan = z.infer<typeof carePlanSchema>;
export type FhirProcedure = z.infer<typeof procedureSchema>;
export type FhirClaim = z.infer<typeof claimSchema>;
export type FhirExplanationOfBenefit = z.infer<typeof explanationOfBenefitSchema>;

/** The resource types the import reads, each with its schema. */
export const READ_SCHEMAS = {
  Patient: patientSchema,
  Practitioner: practitionerSchema,
  PractitionerRole: practitionerRoleSchema,
  Coverage: coverageSchema,
  Condition: conditionSchema,
  Encounter: encounterSchema,
  Consent: consentSchema,
  CarePlan: carePlanSchema,
  Procedure: procedureSchema,
  Claim: claimSchema,
  ExplanationOfBenefit: explanationOfBenefitSchema,
} as const;

export type ReadType = keyof typeof READ_SCHEMAS;
export type ReadResource = z.infer<(typeof READ_SCHEMAS)[ReadType]>;
