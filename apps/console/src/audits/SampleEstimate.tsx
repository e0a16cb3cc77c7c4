import { money, stratifyLabel, type AuditRun } from './audit-format.js';

// A sampled run: the sample asked for (size, seed, stratification), and once done the
// estimate the report carries (docs/compliance/sampling.md): the overpayment extrapolated
// to every billed month of the period with its interval, and the error rate. The lower
// limit is the figure auditors demand back, so the page says what it means.

interface Interval {
  pointEstimate: number;
  standardError: number;
  lowerLimit: number;
  upperLimit: number;
}

interface Estimate {
  confidence: number;
  monthsSampled: number;
  monthsInError: number;
  rate: number;
  monthsInErrorOfFrame: Interval;
  overpayment: Interval;
  method: string;
}

const percent = (x: number) =>
  new Intl.NumberFormat('en-US', { style: 'percent', maximumFractionDigits: 1 }).format(x);

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;

function interval(v: unknown): Interval | undefined {
  if (!isObject(v)) return undefined;
  const { pointEstimate, standardError, lowerLimit, upperLimit } = v;
  if (
    typeof pointEstimate !== 'number' ||
    typeof standardError !== 'number' ||
    typeof lowerLimit !== 'number' ||
    typeof upperLimit !== 'number'
  )
    return undefined;
  return { pointEstimate, standardError, lowerLimit, upperLimit };
}

/** The run's estimate (a JSON object from the server, the report's block), read with care. */
function readEstimate(raw: Record<string, unknown> | null): Estimate | undefined {
  if (!raw) return undefined;
  const { confidence, errorRate, method } = raw;
  const overpayment = interval(raw['overpayment']);
  if (typeof confidence !== 'number' || !isObject(errorRate) || !overpayment) return undefined;
  const { monthsSampled, monthsInError, rate } = errorRate;
  const months = interval(errorRate['months']);
  if (
    typeof monthsSampled !== 'number' ||
    typeof monthsInError !== 'number' ||
    typeof rate !== 'number' ||
    !months
  )
    return undefined;
  return {
    confidence,
    monthsSampled,
    monthsInError,
    rate,
    monthsInErrorOfFrame: months,
    overpayment,
    method: typeof method === 'string' ? method : '',
  };
}

const whole = (x: number) => Math.round(x).toLocaleString('en-US');

function LowerLimitMeaning({ estimate }: { estimate: Estimate }) {
  const { confidence, overpayment } = estimate;
  if (overpayment.lowerLimit <= 0)
    return (
      <p className="estimate-meaning" data-testid="estimate-meaning">
        The lower limit is not above zero: at {percent(confidence)} confidence the sample does not
        show that any overpayment exists.
      </p>
    );
  return (
    <p className="estimate-meaning" data-testid="estimate-meaning">
      The lower limit is the amount an auditor would ask back: with {percent((1 + confidence) / 2)}{' '}
      confidence, the overpayment across every billed month of the period is at least{' '}
      {money.format(overpayment.lowerLimit)}. The point estimate is the best single guess; the
      interval is two-sided at {percent(confidence)}.
    </p>
  );
}

function EstimateFacts({ estimate }: { estimate: Estimate }) {
  const { overpayment, monthsInErrorOfFrame: months } = estimate;
  const rows: Array<[string, string, string]> = [
    ['Overpayment, point estimate', money.format(overpayment.pointEstimate), 'estimate-point'],
    [
      `Lower limit (${percent(estimate.confidence)} two-sided)`,
      money.format(overpayment.lowerLimit),
      'estimate-lower',
    ],
    [
      `Upper limit (${percent(estimate.confidence)} two-sided)`,
      money.format(overpayment.upperLimit),
      'estimate-upper',
    ],
    ['Standard error', money.format(overpayment.standardError), 'estimate-se'],
    [
      'Error rate',
      `${percent(estimate.rate)} (${estimate.monthsInError} of ${estimate.monthsSampled} sampled months in error)`,
      'estimate-rate',
    ],
    [
      'Months in error, all billed months',
      `${whole(months.pointEstimate)} (${whole(months.lowerLimit)} to ${whole(months.upperLimit)})`,
      'estimate-months',
    ],
  ];
  return (
    <dl className="facts" data-testid="estimate">
      {rows.map(([label, value, testId]) => (
        <div key={label} className="fact">
          <dt>{label}</dt>
          <dd data-testid={testId}>{value}</dd>
        </div>
      ))}
    </dl>
  );
}

export function SampleEstimate({ run }: { run: AuditRun }) {
  const { sample } = run;
  if (!sample) return null;
  const estimate = readEstimate(run.estimate);
  return (
    <section aria-labelledby="sample-title" className="sample-estimate">
      <h2 id="sample-title">Sample and estimate</h2>
      <dl className="facts" data-testid="sample-facts">
        <div className="fact">
          <dt>Sample size</dt>
          <dd data-testid="sample-size">{sample.size} billed months</dd>
        </div>
        <div className="fact">
          <dt>Seed</dt>
          <dd data-testid="sample-seed">{sample.seed}</dd>
        </div>
        <div className="fact">
          <dt>Stratification</dt>
          <dd data-testid="sample-stratify">{stratifyLabel(sample.stratify)}</dd>
        </div>
      </dl>
      {run.status !== 'done' ? null : estimate ? (
        <>
          <EstimateFacts estimate={estimate} />
          <LowerLimitMeaning estimate={estimate} />
          {estimate.method ? <p className="hint">Method: {estimate.method}</p> : null}
        </>
      ) : (
        <p className="status">This run has no estimate.</p>
      )}
    </section>
  );
}
