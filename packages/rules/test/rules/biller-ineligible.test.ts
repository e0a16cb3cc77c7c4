import type { Clinician } from '@chronicle/dataset';
import { billerIneligible } from '../../src/rules/biller-ineligible.js';
import { ruleTable } from '../support/rule-tester.js';
import { scenario, withChange } from '../support/scenario.js';

// The month moves to another billing clinician: the claim, the consent and the
// initiating visit all name them, so only who bills changes.
const billedBy = (id: string, add?: Clinician) =>
  withChange({}, (d, p) => {
    if (add) d.clinicians.push(add);
    p.claims[0]!.billingPractitionerId = id;
    p.consents[0]!.practitionerId = id;
    p.encounters[0]!.clinicianId = id;
  });

const practitioner = (id: string, credential: Clinician['credential']): Clinician => ({
  id,
  name: `Clinician ${id}`,
  credential,
  role: 'practitioner',
});

ruleTable(billerIneligible, {
  valid: [
    { name: 'an MD', dataset: scenario() },
    { name: 'an NP in the practitioner role', dataset: billedBy('c-np') },
    { name: 'a DO', dataset: billedBy('c-do', practitioner('c-do', 'DO')) },
    { name: 'a PA', dataset: billedBy('c-pa', practitioner('c-pa', 'PA')) },
    {
      name: 'a clinical nurse specialist',
      dataset: billedBy('c-cns', practitioner('c-cns', 'CNS')),
    },
    { name: 'a certified nurse midwife', dataset: billedBy('c-cnm', practitioner('c-cnm', 'CNM')) },
  ],
  invalid: [
    {
      name: 'a psychologist (other-clinical) in the practitioner role',
      dataset: billedBy('c-psy'),
      evidence: { clinicianId: 'c-psy', credential: 'other-clinical', role: 'practitioner' },
    },
    {
      name: 'an RN (clinical staff)',
      dataset: billedBy('c-rn'),
      evidence: { clinicianId: 'c-rn', credential: 'RN', role: 'clinical-staff' },
    },
    {
      name: 'a pharmacist recorded in the practitioner role',
      dataset: billedBy('c-rph', practitioner('c-rph', 'PharmD')),
      evidence: { credential: 'PharmD' },
    },
    { name: 'non-clinical staff', dataset: billedBy('c-fd') },
    {
      name: 'an MD recorded in the clinical-staff role',
      dataset: withChange({}, (d) => {
        d.clinicians[0]!.role = 'clinical-staff';
      }),
      evidence: { clinicianId: 'c-md', credential: 'MD', role: 'clinical-staff' },
    },
    {
      name: 'first service year: a 2015 month billed by the psychologist',
      month: '2015-06',
      dataset: withChange({ month: '2015-06' }, (_d, p) => {
        p.claims[0]!.billingPractitionerId = 'c-psy';
        p.consents[0]!.practitionerId = 'c-psy';
        p.encounters[0]!.clinicianId = 'c-psy';
      }),
    },
  ],
});
