import { initVisitMissing } from '../../src/rules/init-visit-missing.js';
import { ruleTable } from '../support/rule-tester.js';
import { scenario, withChange } from '../support/scenario.js';

const visit = (id: string, date: string, code = '99214', clinicianId = 'c-md') => ({
  id,
  date,
  code,
  clinicianId,
  kind: 'visit' as const,
});

ruleTable(initVisitMissing, {
  valid: [
    { name: 'a 99214 by the billing physician when CCM began', dataset: scenario() },
    {
      name: '2017+: an established patient seen 6 months before CCM began needs none',
      dataset: withChange({}, (_d, p) => {
        p.encounters = [visit('v-old', '2026-01-10', '99213')];
      }),
    },
    {
      name: '2017: seen 14 months before the first claim but within 12 months before consent',
      month: '2017-05',
      dataset: withChange({ month: '2017-05' }, (_d, p) => {
        p.encounters = [visit('v-old', '2016-03-01')];
      }),
    },
    {
      name: '2016: a visit 10 months before the first date of service initiates CCM',
      month: '2016-05',
      dataset: withChange({ month: '2016-05' }, (_d, p) => {
        p.encounters = [visit('v-1', '2015-07-31')];
      }),
    },
    {
      name: 'APCM 2025: a visit 2 years before APCM began is enough',
      month: '2025-06',
      dataset: withChange({ month: '2025-06', lines: [['G0557', 1]] }, (_d, p) => {
        p.encounters = [visit('v-old', '2023-05-10')];
        p.consents.push({ ...structuredClone(p.consents[0]!), id: 'cons-a', program: 'apcm' });
      }),
    },
    {
      name: 'only the first billed month is checked',
      month: '2026-10',
      dataset: withChange({}, (_d, p) => {
        p.encounters = [];
        p.claims.unshift({
          id: 'cl-0',
          dateOfService: '2026-09-30',
          billingPractitionerId: 'c-md',
          status: 'paid',
          lines: [{ code: '99490', units: 1 }],
        });
      }),
    },
  ],
  invalid: [
    {
      name: '2026: no visit by the billing physician at all',
      dataset: withChange({}, (_d, p) => {
        p.encounters = [];
      }),
      evidence: { ccmStart: '2026-07-05' },
    },
    {
      name: '2026: the only visit was by another practitioner',
      dataset: withChange({}, (_d, p) => {
        p.encounters = [visit('v-np', '2026-07-05', '99214', 'c-np')];
      }),
    },
    {
      name: '2026: last seen 14 months before CCM began, no visit since',
      dataset: withChange({}, (_d, p) => {
        p.encounters = [visit('v-old', '2025-05-01')];
      }),
    },
    {
      name: '2016: seen within 12 months before consent but 14 months before the first claim',
      month: '2016-05',
      dataset: withChange({ month: '2016-05' }, (_d, p) => {
        p.encounters = [visit('v-old', '2015-03-01')];
      }),
      evidence: { ccmStart: '2016-02-05', visitIdsByPractitioner: ['v-old'] },
    },
    {
      name: 'no consent: CCM is taken to begin on the first date of service',
      dataset: withChange({}, (_d, p) => {
        p.encounters = [];
        p.consents = [];
      }),
      evidence: { ccmStart: '2026-10-31', firstDateOfService: '2026-10-31' },
    },
    {
      name: 'APCM 2025: no visit within 3 years',
      month: '2025-06',
      dataset: withChange({ month: '2025-06', lines: [['G0557', 1]] }, (_d, p) => {
        p.encounters = [visit('v-old', '2021-01-10')];
        p.consents.push({ ...structuredClone(p.consents[0]!), id: 'cons-a', program: 'apcm' });
      }),
      evidence: { program: 'APCM', ccmStart: '2025-03-05' },
    },
  ],
});
