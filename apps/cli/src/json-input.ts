import { jsonSyntaxMessage } from '@chronicle/dataset';
import { CliError } from './cli-error.js';

/** Parses JSON text for a command, reporting a syntax error (without quoting the input) as `label: not valid JSON: ...`. */
export function parseJsonInput(label: string, text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new CliError([`${label}: not valid JSON: ${jsonSyntaxMessage(error as Error)}`]);
  }
}
