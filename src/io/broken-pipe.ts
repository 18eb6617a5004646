/**
 * The reader of our stdout went away (`causal x | head`). This is not a failure: the CLI exits quietly with
 * status 0, as Unix filters do.
 */
export class BrokenPipe extends Error {
  override readonly name = 'BrokenPipe';
  constructor() {
    super('broken pipe');
  }
}

export function isBrokenPipe(err: unknown): boolean {
  return (
    err instanceof BrokenPipe ||
    (typeof err === 'object' && err !== null && (err as NodeJS.ErrnoException).code === 'EPIPE')
  );
}
