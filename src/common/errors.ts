/**
 * Typed errors that the CLI maps to exit codes in one place (src/cli/run.ts).
 * Messages are one line and name the file, column or flag at fault.
 */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

export class DataError extends Error {
  override readonly name = 'DataError';
}

export const EXIT_DATA = 1;
export const EXIT_USAGE = 2;
