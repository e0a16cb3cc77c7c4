import { defineRule } from '@chronicle/rules';
import { describe, expect, it } from 'vitest';
import { ruleDoc } from '../rule-doc.js';

// A rule's page tells a compliance officer what to do about a finding, right after why the
// rule exists (RuleMeta requires the field; check-rules refuses an empty one).

const rule = defineRule({
  meta: {
    id: 'acme/EXAMPLE-RULE',
    severity: 'error',
    years: { from: 2020 },
    sources: ['https://example.org/policy'],
    description: 'An example rule.',
    messages: { one: 'One finding.' },
    scope: 'billed-month',
    lifecycle: { addedIn: '1.0.0' },
    docs: {
      why: 'Because the policy says so.',
      fail: 'A failing month.',
      pass: 'A passing month.',
      correctiveAction: 'Void the claim and refund the overpayment.',
    },
  },
  check() {},
});

describe('ruleDoc', () => {
  it('renders the corrective action as its own section between Why and Examples', () => {
    const page = ruleDoc(rule);
    expect(page).toContain(
      '## Why\n\nBecause the policy says so.\n\n## Corrective action\n\nVoid the claim and refund the overpayment.\n\n## Examples',
    );
  });
});
