// The PDF uses the standard Helvetica and Courier fonts (nothing to embed, nothing to load
// from outside the package), which encode text as Windows-1252. The few mathematical signs
// the estimate's method text uses are spelt out; any other character outside the encoding
// would come out as another glyph, so it is replaced by "?"; control characters become
// spaces, keeping line breaks, so that data cannot move the layout about.

const EXTRA = '€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ';
const EXTRA_SET = new Set([...EXTRA].map((c) => c.codePointAt(0) as number));

const SPELT: Readonly<Record<string, string>> = {
  Σ: 'sum',
  '∑': 'sum',
  '√': 'sqrt',
  '−': '-',
  '‑': '-',
  '≤': '<=',
  '≥': '>=',
  '≠': '!=',
  '≈': '~',
  α: 'alpha',
  μ: 'mu',
  σ: 'sigma',
};

function encodable(code: number): boolean {
  return (
    code === 0x0a ||
    (code >= 0x20 && code <= 0x7e) ||
    (code >= 0xa0 && code <= 0xff) ||
    EXTRA_SET.has(code)
  );
}

export function pdfText(value: string): string {
  // Most text is plain: check it first rather than build a copy of every string.
  let clean = true;
  for (let i = 0; i < value.length; i++) {
    if (!encodable(value.charCodeAt(i))) {
      clean = false;
      break;
    }
  }
  if (clean) return value;
  let out = '';
  for (const ch of value) {
    const code = ch.codePointAt(0) as number;
    if (encodable(code)) out += ch;
    else if (code < 0x20 || (code >= 0x7f && code < 0xa0)) out += ' ';
    else out += SPELT[ch] ?? '?';
  }
  return out;
}
