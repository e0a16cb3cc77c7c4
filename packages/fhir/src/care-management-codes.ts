import type { TimeService } from '@chronicle/dataset';

// The convention by which a Procedure is care-management time (docs/admin/fhir.md): its
// code is one of these CPT/HCPCS codes of the care-management families, or one of these
// SNOMED CT concepts, and it has a performedPeriod whose length is the minutes. A code
// says which service the minutes were spent for. Face-to-face services (TCM, visits) are
// not time entries and are left out; Chronicle's own exports name the service exactly
// with their time-service coding, which wins over these.

export const CARE_MANAGEMENT_BILLING_CODES: Readonly<Record<string, TimeService>> = {
  '99490': 'ccm',
  '99439': 'ccm',
  '99487': 'ccm',
  '99489': 'ccm',
  '99491': 'ccm',
  '99437': 'ccm',
  G2058: 'ccm',
  G0511: 'ccm',
  '99424': 'pcm',
  '99425': 'pcm',
  '99426': 'pcm',
  '99427': 'pcm',
  G2064: 'pcm',
  G2065: 'pcm',
  '99484': 'bhi',
  '99492': 'bhi',
  '99493': 'bhi',
  '99494': 'bhi',
  '99457': 'rpm',
  '99458': 'rpm',
  G0556: 'apcm',
  G0557: 'apcm',
  G0558: 'apcm',
  G0506: 'g0506-planning',
};

/**
 * SNOMED CT procedures read as CCM time. Deliberately short: SNOMED has no concept for
 * Medicare's CCM service, and a broader list (counselling, education) would count minutes
 * that were not care management. 737492002 is the concept other FHIR profiles use for
 * outpatient care management.
 */
export const CARE_MANAGEMENT_SNOMED: Readonly<Record<string, TimeService>> = {
  '737492002': 'ccm', // Outpatient care management (procedure)
};
