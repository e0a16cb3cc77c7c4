import { billingProposalSchema } from '@chronicle/rules';
import { describe, expect, it } from 'vitest';
import { cli, exampleDataset } from './support.js';

describe('chronicle bill', () => {
  it('proposes 99490 + 99439 x2 for 65 minutes (worked example 02) and exits 0', async () => {
    const r = await cli(['bill', 'd.json', '--month', '2026-10'], {
      'd.json': exampleDataset('02-bill-99490-99439x2.json'),
    });
    expect(r.code).toBe(0);
    const proposal = billingProposalSchema.parse(JSON.parse(r.stdout));
    expect(proposal.patients[0]?.lines).toEqual([
      { code: '99490', units: 1 },
      { code: '99439', units: 2 },
    ]);
    expect(proposal.patients[0]?.next).toBeUndefined(); // at the cap
  });

  it('reports blockers and empty lines when consent is missing, and exits 1', async () => {
    const r = await cli(['bill', 'd.json', '--month', '2026-10', '--format', 'csv'], {
      'd.json': exampleDataset('04-consent-missing.json'),
    });
    expect(r.code).toBe(1);
    const [header, row] = r.stdout.trim().split('\n');
    expect(header).toBe(
      'month,patientId,billingPractitionerId,clinicalStaffMinutes,practitionerMinutes,lines,dateOfService,blockers,warnings,nextCode,nextMinutesNeeded',
    );
    expect(row).toBe('2026-10,p-1,c-md,22,0,,,CONSENT-MISSING,,99439,18');
  });

  it('requires --month', async () => {
    const r = await cli(['bill', 'd.json'], {
      'd.json': exampleDataset('02-bill-99490-99439x2.json'),
    });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/required option '--month <YYYY-MM>'/);
  });
});

describe('chronicle validate', () => {
  it('exits 0 with counts on a valid dataset and 2 with problems on an invalid one', async () => {
    const ok = await cli(['validate', 'd.json'], {
      'd.json': exampleDataset('06-timezone-boundary.json'),
    });
    expect(ok.code).toBe(0);
    expect(ok.stdout).toBe('valid: 1 patients, 3 clinicians, 2 time entries, 1 claims\n');
    const bad = await cli(['validate', 'd.json'], {
      'd.json': JSON.stringify({ format: 'ccm-dataset', version: 2 }),
    });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toBe('version: version 2 is not supported by this reader (it reads 1)\n');
  });
});

describe('chronicle revenue', () => {
  it('prices 100 patients at 50% enrollment, all 99490, in 2025 at $60.49', async () => {
    const r = await cli([
      'revenue',
      '--year',
      '2025',
      '--patients',
      '100',
      '--enrollment-rate',
      '0.5',
      '--mix',
      '99490=1',
      '--format',
      'json',
    ]);
    expect(r.code).toBe(0);
    const result = JSON.parse(r.stdout);
    expect(result.yearly.amount).toBe(36294); // 50 x 12 x 60.49
    expect(result.yearly.medicare).toBe(29035.2);
    expect(result.yearly.patient).toBe(7258.8);
  });

  it('lists codes with no confirmed fee instead of counting them silently', async () => {
    const r = await cli(['revenue', '--year', '2026', '--mix', '99491=0.5', '--format', 'json']);
    expect(JSON.parse(r.stdout).unpriced).toEqual(['99491']);
  });

  it('refuses a mix that adds up to more than 1, naming it', async () => {
    const r = await cli(['revenue', '--mix', '99490=0.8,99487=0.5']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('mix: the shares of the code mix add up to more than 1\n');
  });

  it('prints help for each command and exits 0', async () => {
    for (const command of ['audit', 'bill', 'validate', 'revenue']) {
      const r = await cli([command, '--help']);
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(new RegExp(`Usage: chronicle ${command}`));
    }
  });
});

describe('a database that cannot be reached', () => {
  it("says so, without the database's address, and exits 2 as for any command that could not run", async () => {
    // Nothing listens on port 1; the command fails at connecting.
    const r = await cli(['export', '--db', 'postgres://postgres@127.0.0.1:1/chronicle']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      'chronicle could not reach the database, or lost it during the command (ECONNREFUSED): ' +
        'what the command had not committed was rolled back; run it again once the database is back\n',
    );
  });
});
