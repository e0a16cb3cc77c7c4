import { CLAIM_DX_FEWER_THAN_TWO } from '../src/claim-dx-fewer-than-two.js';
import { ruleTable } from './support/rule-table.js';
import { scenario, withChange } from './support/scenario.js';

// The scenario's claim carries I10 and E11.9 on its 99490 line; the patient's record holds
// both, with no chronic flag (the code sets decide).
ruleTable(CLAIM_DX_FEWER_THAN_TWO, {
  valid: [
    { name: 'I10 and E11.9 on the 99490 line', dataset: scenario() },
    {
      name: 'I10 on the 99490 line and E11.9 on the 99439 line of the same claim',
      dataset: withChange((p) => {
        p.claims[0]!.lines = [
          { code: '99490', units: 1, diagnoses: ['I10'] },
          { code: '99439', units: 1, diagnoses: ['E11.9'] },
        ];
        p.timeEntries[0]!.minutes = 45;
      }),
    },
    {
      name: 'codes the record does not hold, chronic by the code sets (N18.4, E78.5)',
      dataset: withChange((p) => {
        p.claims[0]!.lines[0]!.diagnoses = ['N18.4', 'E78.5'];
      }),
    },
    {
      name: 'low back pain the clinician flagged chronic, with I10',
      dataset: withChange((p) => {
        p.conditions.push({
          id: 'dx-3',
          system: 'icd-10-cm',
          code: 'M54.50',
          onset: '2015-01-01',
          chronic: true,
        });
        p.claims[0]!.lines[0]!.diagnoses = ['I10', 'M54.50'];
      }),
    },
    {
      name: 'not a member: a Part B claim with one diagnosis',
      dataset: withChange((p) => {
        p.coverage = [{ kind: 'medicare-part-b', start: '2020-01-01' }];
        p.claims[0]!.lines[0]!.diagnoses = ['I10'];
      }),
    },
  ],
  invalid: [
    {
      name: 'one chronic (I10) and one acute (J02.9) diagnosis',
      dataset: withChange((p) => {
        p.claims[0]!.lines[0]!.diagnoses = ['I10', 'J02.9'];
      }),
      message: 'carries 1 chronic diagnosis code(s)',
      evidence: { claimId: 'cl-1', diagnoses: ['I10', 'J02.9'], chronicDiagnoses: ['I10'] },
    },
    {
      name: 'no diagnoses on the claim',
      dataset: withChange((p) => {
        delete p.claims[0]!.lines[0]!.diagnoses;
      }),
      evidence: { diagnoses: [], chronicDiagnoses: [] },
    },
    {
      name: 'the same code on two lines, written two ways, counts once',
      dataset: withChange((p) => {
        p.claims[0]!.lines = [
          { code: '99490', units: 1, diagnoses: ['E11.9'] },
          { code: '99439', units: 1, diagnoses: ['e119'] },
        ];
        p.timeEntries[0]!.minutes = 45;
      }),
      evidence: { diagnoses: ['E11.9'], chronicDiagnoses: ['E11.9'] },
    },
    {
      name: 'E11.9 which the clinician flagged not chronic, with I10',
      dataset: withChange((p) => {
        p.conditions[1]!.chronic = false;
      }),
      evidence: { chronicDiagnoses: ['I10'] },
    },
  ],
});
