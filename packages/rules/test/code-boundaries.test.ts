import { describe, expect, it } from 'vitest';
import { proposeBilling } from '../src/index.js';
import { entry, patientOf, scenario } from './support/scenario.js';

// What each ladder proposes at the minute on either side of its thresholds, as the
// catalogue states them: 99490 + 99439 (2021+), G2058 (2020), 99487 + 99489, 99491 + 99437.

function proposed(options: {
  month?: string;
  staff?: number[];
  practitioner?: number[];
  mdm?: boolean;
}) {
  const month = options.month ?? '2026-10';
  const d = scenario({
    month,
    staff: options.staff ?? [],
    practitioner: options.practitioner ?? [],
    lines: [],
  });
  if (options.mdm)
    patientOf(d).timeEntries.push({
      ...entry('t-mdm', 'c-md', month, 27, 1),
      mdm: 'moderate',
      start: `${month}-27T23:00:00Z`,
    });
  return proposeBilling(d, month).patients[0]?.lines ?? [];
}

describe('ladder boundaries', () => {
  it.each([
    [19, []],
    [20, [{ code: '99490', units: 1 }]],
    [39, [{ code: '99490', units: 1 }]],
    [
      40,
      [
        { code: '99490', units: 1 },
        { code: '99439', units: 1 },
      ],
    ],
    [
      59,
      [
        { code: '99490', units: 1 },
        { code: '99439', units: 1 },
      ],
    ],
    [
      60,
      [
        { code: '99490', units: 1 },
        { code: '99439', units: 2 },
      ],
    ],
    [
      95,
      [
        { code: '99490', units: 1 },
        { code: '99439', units: 2 },
      ],
    ], // the cap of two units
  ])('non-complex 2026: %i staff minutes', (minutes, lines) => {
    expect(proposed({ staff: [minutes] })).toEqual(lines);
  });

  it.each([
    [39, [{ code: '99490', units: 1 }]],
    [
      40,
      [
        { code: '99490', units: 1 },
        { code: 'G2058', units: 1 },
      ],
    ],
  ])('2020 uses G2058: %i staff minutes', (minutes, lines) => {
    expect(proposed({ month: '2020-06', staff: [minutes] })).toEqual(lines);
  });

  it('2019 has no add-on for 99490', () => {
    expect(proposed({ month: '2019-06', staff: [65] })).toEqual([{ code: '99490', units: 1 }]);
  });

  // With moderate MDM the physician's one minute joins the staff minutes.
  it.each([
    [
      58,
      [
        { code: '99490', units: 1 },
        { code: '99439', units: 1 },
      ],
    ], // 59: complex not reached
    [
      89,
      [
        { code: '99487', units: 1 },
        { code: '99489', units: 1 },
      ],
    ], // 90: a full 99489 increment
    [
      88,
      [
        { code: '99490', units: 1 },
        { code: '99439', units: 2 },
      ],
    ], // 89: non-complex pays more than 99487 alone
    [
      118,
      [
        { code: '99487', units: 1 },
        { code: '99489', units: 1 },
      ],
    ], // 119
    [
      119,
      [
        { code: '99487', units: 1 },
        { code: '99489', units: 2 },
      ],
    ], // 120
  ])('complex with MDM: %i staff minutes + 1 physician minute', (minutes, lines) => {
    expect(proposed({ staff: [minutes], mdm: true })).toEqual(lines);
  });

  // The practitioner's own minutes also count as staff time, so the proposal takes the more
  // valuable ladder (2025 amounts: 99491 $82.16 against 99490 $60.49; 99490 + 99439 x2
  // $152.35 against 99491 + 99437 $139.74). 99437's own boundaries are in the rule tables.
  it.each([
    [29, [{ code: '99490', units: 1 }]],
    [30, [{ code: '99491', units: 1 }]],
    [
      59,
      [
        { code: '99490', units: 1 },
        { code: '99439', units: 1 },
      ],
    ],
    [
      60,
      [
        { code: '99490', units: 1 },
        { code: '99439', units: 2 },
      ],
    ],
  ])("2025: %i minutes of the physician's own time", (minutes, lines) => {
    expect(proposed({ month: '2025-10', practitioner: [minutes] })).toEqual(lines);
  });
});
