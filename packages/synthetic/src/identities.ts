import { isValidNpi } from '@chronicle/dataset';
import type { Random } from './random.js';

// Made-up people: a given name and a tree name from short word lists, marked "-Synthetic"
// so that no one mistakes a generated record for a real patient. NPIs carry a valid check
// digit and MBIs follow the CMS format, so the data passes validation.

export const GIVEN_NAMES: readonly string[] = (
  'Avery Blake Casey Devon Emery Finley Harper Indigo Jordan Kendall Logan Morgan Noel ' +
  'Oakley Parker Quinn Reese Sage Tatum Rowan Ellis Marlow Sawyer Wren'
).split(' ');

export const FAMILY_NAMES: readonly string[] = (
  'Alder Birch Cedar Dogwood Elm Fir Ginkgo Hazel Ironwood Juniper Larch Maple Nutmeg ' +
  'Olive Pine Quince Redwood Spruce Tamarack Willow Aspen Hemlock Linden Sumac'
).split(' ');

export const SYNTHETIC_SUFFIX = '-Synthetic';

export function personName(r: Random): { given: string; family: string } {
  return { given: r.pick(GIVEN_NAMES), family: `${r.pick(FAMILY_NAMES)}${SYNTHETIC_SUFFIX}` };
}

export function npi(r: Random): string {
  const prefix = String(r.int(100_000_000, 199_999_999));
  // Exactly one check digit makes the Luhn sum a multiple of ten.
  for (let d = 0; d <= 9; d++) if (isValidNpi(`${prefix}${d}`)) return `${prefix}${d}`;
  throw new Error('unreachable: every prefix has a check digit');
}

// CMS MBI alphabet: letters without S, L, O, I, B and Z.
const LETTERS = 'ACDEFGHJKMNPQRTUVWXY';
const ALNUM = `${LETTERS}0123456789`;

export function mbi(r: Random): string {
  const a = () => LETTERS.charAt(r.int(0, LETTERS.length - 1));
  const n = () => String(r.int(0, 9));
  const an = () => ALNUM.charAt(r.int(0, ALNUM.length - 1));
  return `${r.int(1, 9)}${a()}${an()}${n()}${a()}${an()}${n()}${a()}${a()}${n()}${n()}`;
}
