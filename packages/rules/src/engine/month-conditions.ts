import type { Condition, Patient } from '@chronicle/dataset';
import { classifyCondition, type ChronicClassification } from '../codesets/chronic-conditions.js';
import { firstDay, lastDay } from '../time/calendar.js';

// The patient's conditions that count toward CCM eligibility in a month, as
// DX-FEWER-THAN-TWO-CHRONIC counts them (MonthContext.chronicConditions), for showing a
// patient's eligibility outside an audit (month status, CDS Hooks cards).

export interface MonthCondition {
  condition: Condition;
  classification: ChronicClassification;
}

/** Conditions active in the month (onset by its end, not abated before its start) that are chronic. */
export function chronicConditionsIn(patient: Patient, month: string): MonthCondition[] {
  const first = firstDay(month);
  const last = lastDay(month);
  const out: MonthCondition[] = [];
  for (const condition of patient.conditions) {
    if (condition.onset !== undefined && condition.onset > last) continue;
    if (condition.abatement !== undefined && condition.abatement < first) continue;
    const classification = classifyCondition(condition);
    if (classification.chronic) out.push({ condition, classification });
  }
  return out;
}
