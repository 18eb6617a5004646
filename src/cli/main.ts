import path from 'node:path';
import { CommanderError } from 'commander';
import { DataError, EXIT_DATA, EXIT_USAGE, UsageError } from '../common/errors.js';
import { removeTemporaries, targetOfTemporary } from '../io/atomic-file.js';
import { isBrokenPipe } from '../io/broken-pipe.js';
import { buildProgram } from './program.js';
import { COMMANDS } from './registry.js';

/**
 * The one place where errors become exit codes: usage errors exit 2, data and runtime errors 1, each as one line on
 * stderr; a reader that closed our stdout (`causal x | head`) is a quiet exit 0.
 */
async function main(argv: string[]): Promise<number> {
  process.stdout.on('error', (err) => {
    if (isBrokenPipe(err)) void removeTemporaries().then(() => process.exit(0));
  });
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => {
      void removeTemporaries().then(() => process.exit(signal === 'SIGINT' ? 130 : 143));
    });
  }
  const debug = argv.includes('--debug');
  const program = buildProgram(COMMANDS);
  if (argv.length <= 2 && process.stdin.isTTY) {
    program.outputHelp({ error: true });
    return EXIT_USAGE;
  }
  try {
    await program.parseAsync(argv);
    return 0;
  } catch (err) {
    await removeTemporaries();
    return report(err, debug);
  }
}

function report(err: unknown, debug: boolean): number {
  if (err instanceof CommanderError) {
    // commander has already printed its message; help and version are successes
    return err.exitCode === 0 ? 0 : EXIT_USAGE;
  }
  if (isBrokenPipe(err)) return 0;
  if (err instanceof UsageError) {
    process.stderr.write(`causal: ${err.message}\n`);
    return EXIT_USAGE;
  }
  if (err instanceof DataError) {
    process.stderr.write(`causal: ${err.message}\n`);
    return EXIT_DATA;
  }
  const fsErr = err as NodeJS.ErrnoException;
  if (fsErr && typeof fsErr.code === 'string' && fsErr.path) {
    // an output is written under a temporary name first: name the file the person asked for
    const target = targetOfTemporary(fsErr.path);
    const why = fsErr.code !== 'ENOENT' ? fsErr.code : target ? `cannot write it: no folder ${path.dirname(target)}` : 'no such file or folder';
    process.stderr.write(`causal: ${target ?? fsErr.path}: ${why}\n`);
    return EXIT_DATA;
  }
  const message = err instanceof Error ? err.message.split('\n')[0] : String(err);
  process.stderr.write(`causal: internal error: ${message}${debug ? '' : ' (rerun with --debug for the stack)'}\n`);
  if (debug && err instanceof Error) process.stderr.write(`${err.stack}\n`);
  return EXIT_DATA;
}

main(process.argv).then((code) => {
  process.exitCode = code;
});
