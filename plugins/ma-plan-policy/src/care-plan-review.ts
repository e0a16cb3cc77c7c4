import type { CarePlanEvent } from '@chronicle/dataset';

// What the plan counts as a care-plan review: any care-plan event of the record, whether
// the plan was established, revised or reviewed, since writing or revising a plan means
// going over it. Sharing the plan with the patient is not an event of its own and does not
// count; an event dated after the day asked about does not either.

/** The latest care-plan event on or before `date` (the first recorded among equals). */
export function lastReview(
  carePlans: readonly CarePlanEvent[],
  date: string,
): CarePlanEvent | undefined {
  let last: CarePlanEvent | undefined;
  for (const event of carePlans)
    if (event.date <= date && (last === undefined || event.date > last.date)) last = event;
  return last;
}
