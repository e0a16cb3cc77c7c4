import { isValidNpi } from '@chronicle/dataset';
import type { Random } from './random.js';

// Made-up people: names from short word lists, never a real patient. NPIs carry a valid
// check digit and MBIs follow the CMS format, so the data passes validation.

const GIVEN = [
  'Avery',
  'Blake',
  'Casey',
  'Devon',
  'Emery',
  'Finley',
  'Harper',
  'Indigo',
  'Jordan',
  'Kendall',
  'Logan',
  'Morgan',
  'Noel',
  'Oakley',
  'Parker',
  'Quinn',
  'Reese',
  'Sage',
  'Tatum',
  'Rowan',
];
const FAMILY = [
  'Alder',
  'Birch',
  'Cedar',
  'Dogwood',
  'Elm',
  'Fir',
  'Ginkgo',
  'Hazel',
  'Ironwood',
  'Juniper',
  'Larch',
  'Maple',
  'Nutmeg',
  'Olive',
  'Pine',
  'Quince',
  'Redwood',
  'Spruce',
  'Tamarack',
  'Willow',
];

export function personName(r: Random): { given: string; family: string } {
  return { given: r.pick(GIVEN), family: `${r.pick(FAMILY)}-Synthetic` };
}

export function npi(r: Random): string {
  for (;;) {
    const prefix = String(r.int(100_000_000, 199_999_999));
    for (let d = 0; d <= 9; d++) if (isValidNpi(`${prefix}${d}`)) return `${prefix}${d}`;
  }
}

const LETTERS = 'ACDEFGHJKMNPQRTUVWXY';
const ALNUM = `${LETTERS}0123456789`;

export function mbi(r: Random): string {
  const a = () => r.pick([...LETTERS]);
  const n = () => String(r.int(0, 9));
  const an = () => r.pick([...ALNUM]);
  return `${r.int(1, 9)}${a()}${an()}${n()}${a()}${an()}${n()}${a()}${a()}${n()}${n()}`;
}
