import { uniformInt } from 'pure-rand/distribution/uniformInt';
import { xoroshiro128plusFromState } from 'pure-rand/generator/xoroshiro128plus';
import { z } from 'zod';
import { parseOrThrow } from './sampling-error.js';

// The seeded generator every draw uses. A reviewer must be able to redraw a sample on any
// machine and in any language, so the seed is mapped to the generator's state with integer
// arithmetic only (BigInt) and every index comes from pure-rand's rejection-sampled
// uniformInt, which works on exact 32-bit integers: no Math.random, no float scaling.
//
// Seed to state: pure-rand's own `xoroshiro128plus(seed)` keeps only the low 32 bits of a
// number, so two 16-digit seeds could share a state, and consecutive small seeds give
// related first outputs. Instead the seed, read as a decimal integer s (0 ≤ s < 10^16),
// starts a SplitMix64 generator, whose first two outputs x0 and x1 are the two 64-bit state
// words (s0 = x0, s1 = x1) handed to `xoroshiro128plusFromState` as signed 32-bit halves
// [hi(x0), lo(x0), hi(x1), lo(x1)]. This is the seeding the xoroshiro authors recommend
// (https://prng.di.unimi.it/: "we suggest to use a SplitMix64 to initialize the state").

/** The pure-rand release the generator text names; a test checks the installed one. */
export const PURE_RAND_VERSION = '8.4.2';

export const seedSchema = z
  .string({ error: 'must be a string of decimal digits' })
  .regex(/^[0-9]{1,16}$/, { error: 'must be 1 to 16 decimal digits (0-9), e.g. "20261101"' });

export const GENERATOR_DESCRIPTION =
  `pure-rand ${PURE_RAND_VERSION} xoroshiro128+ (xoroshiro128plusFromState), its state the ` +
  'first two outputs x0, x1 of SplitMix64 started at the seed read as a decimal integer ' +
  '(state [x0 >> 32, x0 & 0xffffffff, x1 >> 32, x1 & 0xffffffff] as signed 32-bit words), ' +
  'indexes from pure-rand uniformInt (32-bit output = low word of s0 + s1, rejection ' +
  'sampling, then remainder), units chosen by partial Fisher-Yates: for i = 0..n-1, swap ' +
  'list entries i and uniformInt(i, N-1) of the frame positions 0..N-1 and take entry i';

/** A stream of uniform integers; each call advances it. */
export interface SeededRandom {
  /** A uniform integer in [from, to], both inclusive. */
  int(from: number, to: number): number;
}

const MASK64 = (1n << 64n) - 1n;

/**
 * SplitMix64 (Steele, Lea & Flood, OOPSLA 2014; Vigna's splitmix64.c): `count` outputs
 * from the 64-bit start value. Exported for the test that pins its published outputs.
 */
export function splitMix64(start: bigint, count: number): bigint[] {
  const out: bigint[] = [];
  let state = start & MASK64;
  for (let i = 0; i < count; i++) {
    state = (state + 0x9e3779b97f4a7c15n) & MASK64;
    let z = state;
    z = ((z ^ (z >> 30n)) * 0xbf58476d1ce4e5b9n) & MASK64;
    z = ((z ^ (z >> 27n)) * 0x94d049bb133111ebn) & MASK64;
    out.push(z ^ (z >> 31n));
  }
  return out;
}

const int32 = (word: bigint): number => Number(BigInt.asIntN(32, word));

/** The xoroshiro128+ state words [hi(s0), lo(s0), hi(s1), lo(s1)] for a seed. */
export function seedState(seed: string): [number, number, number, number] {
  const { seed: digits } = parseOrThrow(z.strictObject({ seed: seedSchema }), { seed });
  const [x0, x1] = splitMix64(BigInt(digits), 2) as [bigint, bigint];
  // SplitMix64 is a bijection per step, so x0 = x1 = 0 (xoroshiro's one forbidden state)
  // would need two consecutive zero outputs: it does not occur for seeds below 10^16.
  return [int32(x0 >> 32n), int32(x0), int32(x1 >> 32n), int32(x1)];
}

/** The generator for a seed (validated: 1 to 16 decimal digits). */
export function createSeededRandom(seed: string): SeededRandom {
  const rng = xoroshiro128plusFromState(seedState(seed));
  return { int: (from, to) => uniformInt(rng, from, to) };
}
