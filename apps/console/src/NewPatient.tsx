import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate } from '@tanstack/react-router';
import { useState, type FormEvent } from 'react';
import {
  Button,
  Checkbox,
  FieldError,
  Form,
  Input,
  Label,
  ListBox,
  ListBoxItem,
  Popover,
  Select,
  SelectValue,
  TextField,
} from 'react-aria-components';
import { useTRPC, type ApiInputs } from './api.js';
import { useSession } from './session.js';
import { Loading, Problem } from './ui.js';

// Registering a new patient: who they are, their coverage, their conditions and the visit
// that initiates care management. The server checks it all (a taken MRN, an unknown
// clinician, a bad date) and its problems are shown on the fields they name; nothing is
// written until every field is right. Consent, care plan and time follow on the patient's
// page.

type Registration = ApiInputs['patients']['register'];

const COVERAGE: Array<{ id: string; label: string }> = [
  { id: 'medicare-part-b', label: 'Medicare Part B' },
  { id: 'medicare-advantage', label: 'Medicare Advantage (Part C)' },
  { id: 'medicaid', label: 'Medicaid' },
  { id: 'commercial', label: 'Commercial' },
  { id: 'other', label: 'Other' },
];

const CODE_SYSTEMS = [
  { id: 'icd-10-cm', label: 'ICD-10-CM' },
  { id: 'snomed', label: 'SNOMED CT' },
];

/** A labelled single choice (react-aria Select) submitted with the form under `name`. */
function Choice({
  name,
  label,
  options,
  defaultKey,
}: {
  name: string;
  label: string;
  options: Array<{ id: string; label: string }>;
  defaultKey?: string;
}) {
  return (
    <Select name={name} defaultSelectedKey={defaultKey} isRequired className="choice">
      <Label>{label}</Label>
      <Button className="button">
        <SelectValue />
        <span aria-hidden="true"> ▾</span>
      </Button>
      <Popover className="popover">
        <ListBox>
          {options.map((o) => (
            <ListBoxItem key={o.id} id={o.id} className="option">
              {o.label}
            </ListBoxItem>
          ))}
        </ListBox>
      </Popover>
      <FieldError />
    </Select>
  );
}

function Field({
  name,
  label,
  type = 'text',
  isRequired = false,
  description,
}: {
  name: string;
  label: string;
  type?: string;
  isRequired?: boolean;
  description?: string;
}) {
  return (
    <TextField name={name} type={type} isRequired={isRequired}>
      <Label>{label}</Label>
      <Input />
      {description ? <span className="hint">{description}</span> : null}
      <FieldError />
    </TextField>
  );
}

/** The form's fields as the procedure takes them; empty optional fields left out. */
function registration(practiceId: string, data: FormData, conditions: number): Registration {
  const text = (name: string) => String(data.get(name) ?? '').trim();
  const optional = (key: string, name: string) => (text(name) ? { [key]: text(name) } : {});
  return {
    practiceId,
    mrn: text('mrn'),
    name: { given: text('given'), family: text('family') },
    birthDate: text('birthDate'),
    ...optional('mbi', 'mbi'),
    coverage: [
      {
        kind: text('coverage.0.kind') as Registration['coverage'][number]['kind'],
        start: text('coverage.0.start'),
      },
    ],
    conditions: Array.from({ length: conditions }, (_, i) => ({
      system: text(`conditions.${i}.system`) as 'icd-10-cm' | 'snomed',
      code: text(`conditions.${i}.code`),
      ...optional('display', `conditions.${i}.display`),
      ...optional('onset', `conditions.${i}.onset`),
    })),
    encounters: text('encounters.0.date')
      ? [
          {
            date: text('encounters.0.date'),
            code: text('encounters.0.code'),
            clinicianId: text('encounters.0.clinicianId'),
            kind: 'visit' as const,
            ccmDiscussed: data.get('encounters.0.ccmDiscussed') === 'yes',
          },
        ]
      : [],
  };
}

export function NewPatient() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const { practice, can } = useSession();
  const [conditions, setConditions] = useState(2);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const clinicians = useQuery({
    ...trpc.practices.clinicians.queryOptions({ practiceId: practice?.id ?? '' }),
    enabled: practice !== undefined,
  });
  const register = useMutation(
    trpc.patients.register.mutationOptions({
      onSuccess: async ({ patient }) => {
        await queryClient.invalidateQueries(trpc.patients.list.pathFilter());
        if (practice)
          await navigate({
            to: '/patients/$practiceId/$patientId',
            params: { practiceId: practice.id, patientId: patient.id },
          });
      },
      onError: (error) => {
        const problems = error.data?.problems ?? [];
        setFieldErrors(Object.fromEntries(problems.map((p) => [p.path, p.message])));
      },
    }),
  );

  if (!can('patients.write'))
    return <Problem error={new Error('Your role may not register patients.')} />;
  if (!practice) return <p className="status">This organization has no practice yet.</p>;
  if (clinicians.isPending) return <Loading>Loading the practice's clinicians…</Loading>;
  if (clinicians.isError) return <Problem error={clinicians.error} />;
  const practitioners = clinicians.data
    .filter((c) => c.role === 'practitioner')
    .map((c) => ({ id: c.id, label: `${c.name}, ${c.credential}` }));

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!practice) return;
    setFieldErrors({});
    register.mutate(registration(practice.id, new FormData(event.currentTarget), conditions));
  }

  return (
    <section aria-labelledby="new-patient-title" className="new-patient">
      <p>
        <Link to="/">← Patients</Link>
      </p>
      <h1 id="new-patient-title">New patient · {practice.name}</h1>
      <Form onSubmit={submit} validationErrors={fieldErrors} className="registration">
        <fieldset>
          <legend>Patient</legend>
          <Field name="mrn" label="MRN" isRequired />
          <Field name="given" label="Given name" isRequired />
          <Field name="family" label="Family name" isRequired />
          <Field name="birthDate" label="Birth date" type="date" isRequired />
          <Field
            name="mbi"
            label="Medicare Beneficiary Identifier (MBI)"
            description="11 characters, as on the Medicare card; optional"
          />
        </fieldset>
        <fieldset>
          <legend>Coverage</legend>
          <Choice
            name="coverage.0.kind"
            label="Coverage"
            options={COVERAGE}
            defaultKey="medicare-part-b"
          />
          <Field name="coverage.0.start" label="Coverage start" type="date" isRequired />
        </fieldset>
        <fieldset>
          <legend>Conditions</legend>
          <p className="hint">
            CCM needs two or more chronic conditions; the server classifies each code.
          </p>
          {Array.from({ length: conditions }, (_, i) => (
            <div className="condition-row" key={i} data-testid="condition-fields">
              <Choice
                name={`conditions.${i}.system`}
                label={`Condition ${i + 1} code system`}
                options={CODE_SYSTEMS}
                defaultKey="icd-10-cm"
              />
              <Field name={`conditions.${i}.code`} label={`Condition ${i + 1} code`} isRequired />
              <Field name={`conditions.${i}.display`} label={`Condition ${i + 1} description`} />
              <Field
                name={`conditions.${i}.onset`}
                label={`Condition ${i + 1} onset`}
                type="date"
              />
            </div>
          ))}
          <div className="row-actions">
            <Button className="button" onPress={() => setConditions(conditions + 1)}>
              Add a condition
            </Button>
            <Button
              className="button"
              isDisabled={conditions <= 1}
              onPress={() => setConditions(conditions - 1)}
            >
              Remove the last condition
            </Button>
          </div>
        </fieldset>
        <fieldset>
          <legend>Initiating visit</legend>
          <p className="hint">
            The billing practitioner's visit at which care management was discussed and documented:
            needed for a new patient, or one not seen by the billing practitioner in the 12 months
            before care management starts. Leave the date empty if it has not happened yet.
          </p>
          <Field name="encounters.0.date" label="Visit date" type="date" />
          <Field name="encounters.0.code" label="Visit code (CPT or HCPCS)" />
          <Checkbox name="encounters.0.ccmDiscussed" value="yes" className="single">
            {({ isSelected }) => (
              <>
                <span className="box" aria-hidden="true">
                  {isSelected ? '✓' : ''}
                </span>
                Care management was discussed and documented at this visit
              </>
            )}
          </Checkbox>
          {practitioners.length > 0 ? (
            <Choice
              name="encounters.0.clinicianId"
              label="Visit practitioner"
              options={practitioners}
              defaultKey={practitioners[0]?.id}
            />
          ) : (
            <p className="status">The practice has no practitioner to name for a visit.</p>
          )}
        </fieldset>
        {register.isError ? <Problem error={register.error} /> : null}
        <Button type="submit" className="button primary submit" isDisabled={register.isPending}>
          {register.isPending ? 'Registering…' : 'Register patient'}
        </Button>
      </Form>
    </section>
  );
}
