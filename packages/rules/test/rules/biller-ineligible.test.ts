import { billerIneligible } from '../../src/rules/biller-ineligible.js';
import { ruleTable } from '../support/rule-tester.js';
import { scenario, withChange } from '../support/scenario.js';

const billedBy = (id: string) =>
  withChange({}, (_d, p) => {
    p.claims[0]!.billingPractitionerId = id;
    p.consents[0]!.practitionerId = id;
    p.encounters[0]!.clinicianId = id;
  });

ruleTable(billerIneligible, {
  valid: [
    { name: 'an MD', dataset: scenario() },
    { name: 'an NP in the practitioner role', dataset: billedBy('c-np') },
  ],
  invalid: [
    {
      name: 'a psychologist (other-clinical) in the practitioner role',
      dataset: billedBy('c-psy'),
      evidence: { clinicianId: 'c-psy' },
    },
    { name: 'an RN (clinical staff)', dataset: billedBy('c-rn') },
    {
      name: 'an MD recorded in the clinical-staff role',
      dataset: withChange({}, (d) => {
        d.clinicians[0]!.role = 'clinical-staff';
      }),
    },
  ],
});
