import type { AuditReport, Estimate, IntervalEstimate, Sampling } from '@chronicle/rules';
import { confidenceLabel, decimal, money, percent } from './report-format.js';

// The words and figures of a sampled audit's "Sample" and "Overpayment estimate"
// sections, shared by the HTML and PDF renderings so that both say the same thing.

const METHODS: Record<Sampling['method'], string> = {
  'simple-random': 'Simple random sample',
  stratified: 'Stratified random sample',
};

const STRATA: Record<NonNullable<Sampling['stratifiedBy']>, string> = {
  practitioner: 'billing practitioner',
  amount: 'billed amount',
};

/** The sample's design as label/value pairs, in reading order. */
export function samplingFacts(s: Sampling): Array<[string, string]> {
  return [
    ['Method', METHODS[s.method]],
    ...(s.stratifiedBy ? [['Stratified by', STRATA[s.stratifiedBy]] as [string, string]] : []),
    ['Seed', s.seed],
    ['Generator', s.generator],
    [
      'Frame',
      `${decimal(s.frame.size, 0)} billed patient-months, ${money(s.frame.billedAmount)} billed`,
    ],
    ['Frame order', s.frame.order],
    ['Sample size', `${s.sampleSize} patient-months`],
  ];
}

/** Each stratum id's label, for the selection table ("" is an id: no practitioner). */
export function strataLabels(s: Sampling): (id: string) => string {
  const labels = new Map(s.strata.map((t) => [t.id, t.label]));
  return (id) => labels.get(id) ?? id;
}

/** How an outside reviewer draws the same months again. */
export function redrawSentence(report: AuditReport, s: Sampling): string {
  const period =
    report.period.from || report.period.to
      ? ` for the months ${report.period.from ?? 'from the first'} to ${report.period.to ?? 'the last'}`
      : '';
  const draw = s.stratifiedBy
    ? `draw in each stratum (by ${STRATA[s.stratifiedBy]}) as many months as the strata table says`
    : `draw ${s.sampleSize} of them`;
  return (
    `To redraw this sample, take the ${decimal(s.frame.size, 0)} billed patient-months of ` +
    `practice ${report.practice.id}${period}, put them in the frame order above, and ${draw} ` +
    `with the generator above started from seed ${s.seed}: the frame positions drawn are ` +
    `those of the selection table. Auditing the same dataset again with the same period, ` +
    `sample size, stratification and seed draws the same months.`
  );
}

export const ESTIMATE_COLUMNS = [
  'Measure',
  'Point estimate',
  'Lower limit',
  'Upper limit',
  'Standard error',
  'Precision',
  'df',
  't',
] as const;

/** The estimate's two intervals as table rows of text, in ESTIMATE_COLUMNS order. */
export function estimateRows(e: Estimate): string[][] {
  const row = (label: string, i: IntervalEstimate, f: (n: number) => string) => [
    label,
    f(i.pointEstimate),
    f(i.lowerLimit),
    f(i.upperLimit),
    f(i.standardError),
    f(i.precision),
    String(i.degreesOfFreedom),
    decimal(i.tValue, 3),
  ];
  return [
    row('Overpayment', e.overpayment, money),
    row('Months in error', e.errorRate.months, (n) => decimal(n, 1)),
  ];
}

export function confidenceSentence(e: Estimate): string {
  return `Two-sided ${confidenceLabel(e.confidence)} confidence intervals, extrapolated from the sample to the frame.`;
}

export function errorRateSentence(e: Estimate): string {
  const r = e.errorRate;
  return (
    `${r.monthsInError} of the ${r.monthsSampled} sampled months have an error finding ` +
    `(${percent(r.rate)}); extrapolated to the frame, ${decimal(r.months.pointEstimate, 1)} ` +
    `months are in error (${decimal(r.months.lowerLimit, 1)} to ${decimal(r.months.upperLimit, 1)}).`
  );
}

/** Said when an interval reaches below zero, which no overpayment or month count can. */
export function lowerLimitNote(e: Estimate): string | undefined {
  const notes: string[] = [];
  if (e.overpayment.lowerLimit < 0)
    notes.push(
      `The overpayment's lower limit (${money(e.overpayment.lowerLimit)}) is below zero: at ` +
        `this confidence level the sample does not show that the frame was overpaid. Read ` +
        `the limit as $0, and do not rest a repayment on the point estimate alone; a larger ` +
        `sample narrows the interval.`,
    );
  if (e.errorRate.months.lowerLimit < 0)
    notes.push(
      `The lower limit of the months in error (${decimal(e.errorRate.months.lowerLimit, 1)}) ` +
        `is below zero: read it as 0.`,
    );
  return notes.length > 0 ? notes.join(' ') : undefined;
}
