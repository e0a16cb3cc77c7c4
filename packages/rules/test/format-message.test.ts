import { describe, expect, it } from 'vitest';
import { formatMessage } from '../src/engine/rule.js';

// Messages are built from templates for every finding; the compiled form must read a
// template exactly as `{name}` substitution would.
describe('formatMessage', () => {
  it('fills every name, repeated names included, and keeps the text around them', () => {
    expect(
      formatMessage('{code} needs {min} minutes; {code} has {have}.', {
        code: '99490',
        min: 20,
        have: 19,
      }),
    ).toBe('99490 needs 20 minutes; 99490 has 19.');
  });

  it('leaves names it has no value for as written, and text without names alone', () => {
    expect(formatMessage('{known} and {unknown}', { known: 'a' })).toBe('a and {unknown}');
    expect(formatMessage('no names {} here')).toBe('no names {} here');
    expect(formatMessage('{a}{b}', { a: 1, b: 2 })).toBe('12');
  });

  it('gives the same text on a second use of a template', () => {
    const t = 'Consent dated {date}.';
    expect(formatMessage(t, { date: '2026-01-02' })).toBe('Consent dated 2026-01-02.');
    expect(formatMessage(t, { date: '2026-03-04' })).toBe('Consent dated 2026-03-04.');
  });
});
