import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { createColumnHelper, getCoreRowModel, useReactTable } from '@tanstack/react-table';
import { useState } from 'react';
import {
  Button,
  FieldError,
  Form,
  Input,
  Label,
  ListBox,
  ListBoxItem,
  NumberField,
  Popover,
  Radio,
  RadioGroup,
  Select,
  SelectValue,
} from 'react-aria-components';
import { useTRPC, type ApiInputs, type ApiOutputs } from '../api.js';
import { useSession } from '../session.js';
import { DataTable, Loading, Problem } from '../ui.js';
import { dollars, RevenueChart } from './RevenueChart.js';

// The revenue calculator of `chronicle revenue` in the console: a program's size and code
// mix in, a year of revenue at national Medicare amounts out (the rules core computes it
// on the server). The form starts from the server's defaults for the practice's number of
// patients; shares are entered as percentages and sent as fractions.

type CalcInput = ApiInputs['revenue']['calculate'];
type Result = ApiOutputs['revenue']['calculate'];
type Bundle = keyof NonNullable<CalcInput['mix']>;
type Setting = NonNullable<CalcInput['setting']>;

/** The code bundles of the mix, in ladder order (the rules core's BUNDLES). */
const BUNDLES = [
  '99490',
  '99490+99439',
  '99490+99439x2',
  '99487',
  '99487+99489',
  '99491',
  '99491+99437',
] as const satisfies readonly Bundle[];
/** The years the fee schedule covers (the calculator refuses others). */
const YEARS = [2024, 2025, 2026];

interface Fields {
  year: number;
  patients: number;
  enrollmentPercent: number;
  mixPercent: Record<Bundle, number>;
  setting: Setting;
}

const percent = (fraction: number) => Math.round(fraction * 10_000) / 100;

function fieldsOf(input: Result['input']): Fields {
  return {
    year: input.year,
    patients: input.patients,
    enrollmentPercent: percent(input.enrollmentRate),
    mixPercent: Object.fromEntries(BUNDLES.map((b) => [b, percent(input.mix[b] ?? 0)])) as Record<
      Bundle,
      number
    >,
    setting: input.setting,
  };
}

function inputOf(f: Fields): CalcInput {
  return {
    year: f.year,
    patients: f.patients,
    enrollmentRate: f.enrollmentPercent / 100,
    // A bundle at 0% is left out, as the calculator's own defaults leave bundles out.
    mix: Object.fromEntries(
      BUNDLES.filter((b) => f.mixPercent[b] > 0).map((b) => [b, f.mixPercent[b] / 100]),
    ),
    setting: f.setting,
  };
}

export function RevenuePage() {
  const trpc = useTRPC();
  const { practice } = useSession();
  const thisYear = new Date().getFullYear();
  const [input, setInput] = useState<CalcInput>(() => ({
    year: YEARS.includes(thisYear) ? thisYear : (YEARS.at(-1) as number),
    patients: practice?.patients ?? 100,
  }));
  const [edited, setEdited] = useState<Fields>();
  const [missing, setMissing] = useState<string[]>([]);
  const result = useQuery({
    ...trpc.revenue.calculate.queryOptions(input),
    placeholderData: keepPreviousData,
  });
  const fields = edited ?? (result.data ? fieldsOf(result.data.input) : undefined);

  if (!fields) {
    if (result.isError) return <Problem error={result.error} />;
    return <Loading>Loading the calculator…</Loading>;
  }
  // From the latest fields, not this render's: a number field commits on blur, in the same
  // press that changes another control.
  const change = (patch: (f: Fields) => Partial<Fields>) =>
    setEdited((prev) => {
      const base = prev ?? fields;
      return { ...base, ...patch(base) };
    });
  const mixTotal = BUNDLES.reduce((a, b) => a + (fields.mixPercent[b] || 0), 0);

  return (
    <section aria-labelledby="revenue-title" className="revenue">
      <h1 id="revenue-title">Revenue calculator</h1>
      <Form
        className="revenue-form"
        validationBehavior="aria"
        onSubmit={(e) => {
          e.preventDefault();
          const empty = [
            ...(Number.isNaN(fields.patients) ? ['Patients'] : []),
            ...(Number.isNaN(fields.enrollmentPercent) ? ['Enrollment rate'] : []),
            ...BUNDLES.filter((b) => Number.isNaN(fields.mixPercent[b])).map((b) => `Share ${b}`),
          ];
          setMissing(empty);
          if (empty.length === 0) setInput(inputOf(fields));
        }}
      >
        <fieldset>
          <legend>Program</legend>
          <Select
            className="view"
            selectedKey={fields.year}
            onSelectionChange={(key) => change(() => ({ year: Number(key) }))}
          >
            <Label>Year</Label>
            <Button className="button">
              <SelectValue />
              <span aria-hidden="true"> ▾</span>
            </Button>
            <Popover className="popover">
              <ListBox>
                {YEARS.map((y) => (
                  <ListBoxItem key={y} id={y} className="option">
                    {String(y)}
                  </ListBoxItem>
                ))}
              </ListBox>
            </Popover>
          </Select>
          <Amount
            label="Patients"
            value={fields.patients}
            onChange={(patients) => change(() => ({ patients }))}
            missing={missing.includes('Patients')}
            step={1}
          />
          <Amount
            label="Enrollment rate (%)"
            value={fields.enrollmentPercent}
            onChange={(enrollmentPercent) => change(() => ({ enrollmentPercent }))}
            missing={missing.includes('Enrollment rate')}
            max={100}
          />
          <RadioGroup
            className="revenue-setting"
            value={fields.setting}
            onChange={(value) => change(() => ({ setting: value as Setting }))}
          >
            <Label>Setting</Label>
            <Radio value="non-facility">Non-facility (office)</Radio>
            <Radio value="facility">Facility</Radio>
          </RadioGroup>
        </fieldset>
        <fieldset>
          <legend>Code mix: share of enrolled patients in a month ({mixTotal}% in all)</legend>
          <div className="revenue-mix">
            {BUNDLES.map((b) => (
              <Amount
                key={b}
                label={`Share ${b} (%)`}
                value={fields.mixPercent[b]}
                onChange={(v) => change((f) => ({ mixPercent: { ...f.mixPercent, [b]: v } }))}
                missing={missing.includes(`Share ${b}`)}
                max={100}
              />
            ))}
          </div>
        </fieldset>
        <Button className="button primary" type="submit">
          Calculate
        </Button>
      </Form>
      {result.isError ? <Problem error={result.error} /> : null}
      {result.data && !result.isError ? <Figures result={result.data} /> : null}
    </section>
  );
}

function Amount({
  label,
  value,
  onChange,
  missing,
  step,
  max,
}: {
  label: string;
  value: number;
  onChange: (value: number) => void;
  missing: boolean;
  step?: number;
  max?: number;
}) {
  return (
    <NumberField
      className="react-aria-TextField"
      value={value}
      onChange={onChange}
      minValue={0}
      {...(max !== undefined ? { maxValue: max } : {})}
      {...(step !== undefined ? { step } : {})}
      isInvalid={missing}
      formatOptions={{ useGrouping: false, maximumFractionDigits: 2 }}
    >
      <Label>{label}</Label>
      <Input />
      <FieldError className="error">{label.replace(/ \(%\)$/, '')} is required.</FieldError>
    </NumberField>
  );
}

type CodeRow = Result['codes'][number];
const codeColumn = createColumnHelper<CodeRow>();
const codeColumns = [
  codeColumn.accessor('code', { header: 'Code' }),
  codeColumn.accessor('units', { header: 'Units in the year' }),
  codeColumn.accessor('unitAmount', {
    header: 'Average per unit',
    cell: (c) => {
      const v = c.getValue();
      return v === null ? 'unpriced' : dollars(v);
    },
  }),
  codeColumn.accessor('amount', { header: 'Amount', cell: (c) => dollars(c.getValue()) }),
];

function Figures({ result }: { result: Result }) {
  // eslint-disable-next-line react-hooks/incompatible-library
  const table = useReactTable({
    data: result.codes,
    columns: codeColumns,
    getCoreRowModel: getCoreRowModel(),
    autoResetPageIndex: false,
  });
  return (
    <div className="revenue-figures">
      <h2>Figures for {result.input.year}</h2>
      <dl className="facts" data-testid="revenue-summary">
        <dt>Enrolled patients</dt>
        <dd data-testid="revenue-enrolled">{result.enrolledPatients}</dd>
        <dt>Billed patient-months a year</dt>
        <dd data-testid="revenue-patient-months">{result.billedPatientMonthsPerYear}</dd>
        <dt>Revenue in the year</dt>
        <dd data-testid="revenue-yearly">{dollars(result.yearly.amount)}</dd>
        <dt>Medicare pays (80%)</dt>
        <dd>{dollars(result.yearly.medicare)}</dd>
        <dt>Patients owe (20% coinsurance)</dt>
        <dd>{dollars(result.yearly.patient)}</dd>
      </dl>
      {result.unpriced.length > 0 ? (
        <p className="status error">
          No confirmed fee for {result.unpriced.join(', ')}: counted as $0, so the totals leave them
          out.
        </p>
      ) : null}
      <DataTable
        table={table}
        testId="revenue-codes-table"
        rowTestId="revenue-code-row"
        caption="The year by code"
      />
      <RevenueChart result={result} />
    </div>
  );
}
