import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderAuditCsv, renderAuditHtml, renderProposalCsv } from '../src/index.js';
import { proposal, report } from './sample-report.js';

// Golden files of every renderer over the hand-built documents: any change to the output,
// however small, shows up here as a diff to review. UPDATE_GOLDEN=1 rewrites them.

function golden(name: string, text: string): void {
  const file = join(import.meta.dirname, 'golden', name);
  if (process.env.UPDATE_GOLDEN === '1') writeFileSync(file, text);
  if (!existsSync(file)) throw new Error(`no golden file ${name}: run with UPDATE_GOLDEN=1`);
  expect(text).toBe(readFileSync(file, 'utf8'));
}

describe('renderer golden files', () => {
  it('audit CSV', async () => {
    golden('sample.audit.csv', await renderAuditCsv(report));
  });
  it('audit HTML', () => {
    golden('sample.audit.html', renderAuditHtml(report));
  });
  it('proposal CSV', async () => {
    golden('sample.proposal.csv', await renderProposalCsv(proposal));
  });
});
