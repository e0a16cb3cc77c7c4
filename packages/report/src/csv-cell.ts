import { writeToString } from '@fast-csv/format';

/**
 * A cell a spreadsheet would run as a formula (it starts with = + - @, a tab or a carriage
 * return), prefixed with a quote so that it shows as the text it is. Ids, codes and
 * messages come from the data, which a hostile source may have written as formulas.
 */
function neutraliseFormula(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

/**
 * The rows as a CSV document: a header line of `columns`, one line per row, a final line
 * break. Quoting is @fast-csv/format's (RFC 4180); every text cell is neutralised, numbers
 * stay numbers (a negative amount is not a formula).
 */
export async function renderCsv<C extends string>(
  rows: ReadonlyArray<Record<C, string | number>>,
  columns: readonly C[],
): Promise<string> {
  const safe = rows.map((row) => {
    const out = { ...row };
    for (const column of columns) {
      const cell = out[column];
      if (typeof cell === 'string') out[column] = neutraliseFormula(cell);
    }
    return out;
  });
  return `${await writeToString(safe, { headers: [...columns] })}\n`;
}
