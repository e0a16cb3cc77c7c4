import { describe, expect, it } from 'vitest';
import { confidenceLabel, money, percent } from '../src/report-format.js';
import { pdfText } from '../src/pdf-text.js';

describe('report formats', () => {
  it('writes amounts in dollars and cents, a negative one with its sign before the $', () => {
    expect(money(1234.5)).toBe('$1,234.50');
    expect(money(-2657.2)).toBe('-$2,657.20');
    expect(money(-0.001)).toBe('$0.00');
  });
  it('writes shares and confidence levels as percentages', () => {
    expect(percent(1 / 3)).toBe('33.3%');
    expect(confidenceLabel(0.9)).toBe('90%');
    expect(confidenceLabel(0.925)).toBe('92.5%');
  });
});

describe('pdfText', () => {
  it('keeps Windows-1252 text and line breaks, and replaces what the PDF fonts cannot show', () => {
    expect(pdfText('Café · “quoted” – 5€\nnext')).toBe('Café · “quoted” – 5€\nnext');
    expect(pdfText('a✓b😀c\td\u0000e')).toBe('a?b?c d e');
    expect(pdfText('√(Σ N_h²(1 − n_h/N_h))')).toBe('sqrt(sum N_h²(1 - n_h/N_h))');
  });
});
