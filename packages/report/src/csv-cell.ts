/**
 * A cell a spreadsheet would run as a formula (it starts with = + - @, a tab or a carriage
 * return), prefixed with a quote so that it shows as the text it is. Ids, codes and
 * messages come from the data, which a hostile source may have written as formulas.
 */
export function neutraliseFormula(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}
