import {
  FieldError,
  Input,
  Label,
  Radio,
  RadioGroup,
  Text,
  TextField,
} from 'react-aria-components';
import type { ApiInputs } from '../api.js';

// The sample of an audit to start (docs/compliance/sampling.md): every billed month, or a
// random sample of them with its size, an optional seed (the server picks and records one
// when none is given) and a stratification; what the form can tell is wrong, by field.

type Stratify = 'none' | 'practitioner' | 'amount';

export interface SampleChoices {
  sampled: boolean;
  size: string;
  seed: string;
  stratify: Stratify;
}

type SampleProblems = Partial<Record<'size' | 'seed' | 'stratify', string>>;

const SEED = /^[0-9]{1,16}$/;

export function sampleProblems(c: SampleChoices): SampleProblems {
  const problems: SampleProblems = {};
  if (!c.sampled) return problems;
  if (!/^\d+$/.test(c.size.trim()) || Number(c.size) < 2)
    problems.size = 'Sample size: enter a whole number of months, 2 or more.';
  if (c.seed.trim() && !SEED.test(c.seed.trim()))
    problems.seed = 'Seed: enter 1 to 16 digits, or leave it empty.';
  return problems;
}

/** The sample to ask for; undefined for every billed month. */
export function sampleOf(c: SampleChoices): ApiInputs['audits']['start']['sample'] {
  if (!c.sampled) return undefined;
  const seed = c.seed.trim();
  return {
    size: Number(c.size),
    ...(seed ? { seed } : {}),
    ...(c.stratify === 'none' ? {} : { stratify: c.stratify }),
  };
}

export function SampleFields({
  choices: c,
  onChange,
  problems,
}: {
  choices: SampleChoices;
  onChange: (change: Partial<SampleChoices>) => void;
  problems: SampleProblems;
}) {
  return (
    <>
      <RadioGroup
        className="choices sample-choice"
        value={c.sampled ? 'sample' : 'all'}
        onChange={(value) => onChange({ sampled: value === 'sample' })}
      >
        <Label>Sample</Label>
        <Radio value="all">Every billed month</Radio>
        <Radio value="sample">A random sample</Radio>
        <Text slot="description" className="hint">
          A sample audits some billed patient-months drawn at random and estimates the overpayment
          of all of them, as Medicare's auditors do.
        </Text>
      </RadioGroup>
      {c.sampled ? (
        <div className="sample-options" data-testid="sample-options">
          <TextField
            name="size"
            isInvalid={problems.size !== undefined}
            value={c.size}
            onChange={(size) => onChange({ size })}
            inputMode="numeric"
            isRequired
          >
            <Label>Sample size (months)</Label>
            <Input />
            <Text slot="description" className="hint">
              Billed patient-months to draw, 2 or more. As many as the period has audits them all.
            </Text>
            <FieldError>{problems.size}</FieldError>
          </TextField>
          <TextField
            name="seed"
            isInvalid={problems.seed !== undefined}
            value={c.seed}
            onChange={(seed) => onChange({ seed })}
            inputMode="numeric"
          >
            <Label>Seed (optional)</Label>
            <Input />
            <Text slot="description" className="hint">
              1 to 16 digits. The same seed draws the same months again; left empty, the server
              picks one and records it.
            </Text>
            <FieldError>{problems.seed}</FieldError>
          </TextField>
          <RadioGroup
            name="stratify"
            isInvalid={problems.stratify !== undefined}
            className="choices"
            value={c.stratify}
            onChange={(value) => onChange({ stratify: value as Stratify })}
          >
            <Label>Stratify</Label>
            <Radio value="none">None</Radio>
            <Radio value="practitioner">By billing practitioner</Radio>
            <Radio value="amount">By billed amount</Radio>
            <Text slot="description" className="hint">
              Draws from each practitioner, or each third of billed amounts, in proportion: a closer
              estimate when they differ.
            </Text>
            <FieldError>{problems.stratify}</FieldError>
          </RadioGroup>
        </div>
      ) : null}
    </>
  );
}
