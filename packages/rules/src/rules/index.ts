import type { Rule } from '../engine/rule.js';
import { addonIncrementIncomplete } from './addon-increment-incomplete.js';
import { addonUnitsOverCap } from './addon-units-over-cap.js';
import { addonWithoutBase } from './addon-without-base.js';
import { billerIneligible } from './biller-ineligible.js';
import { careplanElementsThin } from './careplan-elements-thin.js';
import { careplanMissing } from './careplan-missing.js';
import { careplanNotShared } from './careplan-not-shared.js';
import { ccmComplexWithNoncomplex } from './ccm-complex-with-noncomplex.js';
import { ccmDuplicateSameMonth } from './ccm-duplicate-same-month.js';
import { ccmMultiPractitioner } from './ccm-multi-practitioner.js';
import { ccmPersonalWithStaff } from './ccm-personal-with-staff.js';
import { ccmWithApcm } from './ccm-with-apcm.js';
import { ccmWithEsrd } from './ccm-with-esrd.js';
import { ccmWithOversight } from './ccm-with-oversight.js';
import { ccmWithPcm } from './ccm-with-pcm.js';
import { ccmWithTcm } from './ccm-with-tcm.js';
import { codeNotEffective } from './code-not-effective.js';
import { complexMdmUndocumented } from './complex-mdm-undocumented.js';
import { complexNoCarePlanChange } from './complex-no-care-plan-change.js';
import { consentAfterTime } from './consent-after-time.js';
import { consentElementsIncomplete } from './consent-elements-incomplete.js';
import { consentMissing } from './consent-missing.js';
import { consentNotWritten } from './consent-not-written.js';
import { consentRevoked } from './consent-revoked.js';
import { dosBeforeThreshold } from './dos-before-threshold.js';
import { dxFewerThanTwoChronic } from './dx-fewer-than-two-chronic.js';
import { g0506Repeated } from './g0506-repeated.js';
import { g0506WithoutInitiatingVisit } from './g0506-without-initiating-visit.js';
import { initVisitMissing } from './init-visit-missing.js';
import { initVisitNonqualifying } from './init-visit-nonqualifying.js';
import { patientDeceased } from './patient-deceased.js';
import { patientNotPartB } from './patient-not-part-b.js';
import { pcmNoQualifyingCondition } from './pcm-no-qualifying-condition.js';
import { practiceCapabilityUnattested } from './practice-capability-unattested.js';
import { rhcCodeEra } from './rhc-code-era.js';
import { staffNotClinical } from './staff-not-clinical.js';
import { timeBelowThreshold } from './time-below-threshold.js';
import { timeDoubleCounted } from './time-double-counted.js';
import { timeDuringFacilityStay } from './time-during-facility-stay.js';
import { timeEntryUndocumented } from './time-entry-undocumented.js';
import { timeOutsideMonth } from './time-outside-month.js';
import { timePerformerMismatch } from './time-performer-mismatch.js';
import { unbilledEligibleMonth } from './unbilled-eligible-month.js';
import { underbilledMonth } from './underbilled-month.js';

/** The CMS rule catalogue (spec/rules.md, version 1), in catalogue order. */
export const cmsRules: readonly Rule[] = [
  consentMissing,
  consentAfterTime,
  consentElementsIncomplete,
  consentNotWritten,
  consentRevoked,
  initVisitMissing,
  initVisitNonqualifying,
  g0506WithoutInitiatingVisit,
  g0506Repeated,
  dxFewerThanTwoChronic,
  pcmNoQualifyingCondition,
  patientNotPartB,
  patientDeceased,
  billerIneligible,
  staffNotClinical,
  timeBelowThreshold,
  addonIncrementIncomplete,
  addonUnitsOverCap,
  addonWithoutBase,
  timePerformerMismatch,
  timeOutsideMonth,
  timeDoubleCounted,
  timeDuringFacilityStay,
  timeEntryUndocumented,
  dosBeforeThreshold,
  codeNotEffective,
  ccmDuplicateSameMonth,
  ccmMultiPractitioner,
  ccmComplexWithNoncomplex,
  ccmPersonalWithStaff,
  ccmWithTcm,
  ccmWithOversight,
  ccmWithEsrd,
  ccmWithPcm,
  ccmWithApcm,
  complexMdmUndocumented,
  complexNoCarePlanChange,
  rhcCodeEra,
  careplanMissing,
  careplanNotShared,
  careplanElementsThin,
  practiceCapabilityUnattested,
  underbilledMonth,
  unbilledEligibleMonth,
];
