import type { Rule } from '../engine/rule.js';
// Consent and enrollment
import { consentAfterTime } from './consent-after-time.js';
// (consent group)
// Initiating visit
// (initiating-visit group)
// Eligibility and who may bill
import { staffNotClinical } from './staff-not-clinical.js';
// (eligibility group)
// Time
import { addonIncrementIncomplete } from './addon-increment-incomplete.js';
import { addonUnitsOverCap } from './addon-units-over-cap.js';
import { addonWithoutBase } from './addon-without-base.js';
import { dosBeforeThreshold } from './dos-before-threshold.js';
import { timeBelowThreshold } from './time-below-threshold.js';
import { timeDoubleCounted } from './time-double-counted.js';
import { timeDuringFacilityStay } from './time-during-facility-stay.js';
import { timeEntryUndocumented } from './time-entry-undocumented.js';
import { timeOutsideMonth } from './time-outside-month.js';
import { timePerformerMismatch } from './time-performer-mismatch.js';
// Codes and same-month rules
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
import { rhcCodeEra } from './rhc-code-era.js';
// (codes group)
// Care plan and program
// (care-plan group)
// Info
import { unbilledEligibleMonth } from './unbilled-eligible-month.js';
import { underbilledMonth } from './underbilled-month.js';

/** The CMS rule catalogue (spec/rules.md, version 1), in catalogue order. */
export const cmsRules: readonly Rule[] = [
  // consent
  consentAfterTime,
  // (consent group)
  // initiating visit
  // (initiating-visit group)
  // eligibility
  staffNotClinical,
  // (eligibility group)
  // time
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
  // codes
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
  // (codes group)
  // care plan
  // (care-plan group)
  // info
  underbilledMonth,
  unbilledEligibleMonth,
];
