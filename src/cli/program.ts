import { Command, Option } from 'commander';
import { VERSION } from '../common/version.js';
import type { CommandContext, CommandSpec } from './command.js';
import { withProgress } from './progress.js';
import { reflow } from './reflow.js';

/** Flags every command takes; kept here so each command file lists only its own. */
interface GlobalFlags {
  quiet?: boolean;
  debug?: boolean;
}

/** Builds the commander program from the command specs: one source for parsing and help. */
export function buildProgram(commands: readonly CommandSpec[]): Command {
  const program = new Command('causal')
    .description(
      'Composable Arrow pipeline stages for synthetic data, self-supervised learning and causal inference.\n' +
        'Each stage reads Arrow IPC (a path, or stdin) and writes Arrow IPC (stdout, or --output).',
    )
    .version(VERSION, '-V, --version')
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride();

  for (const spec of commands) {
    const cmd = program.command(spec.name).summary(spec.summary).description(reflow(spec.details ?? spec.summary));
    for (const alias of spec.aliases ?? []) cmd.alias(alias);
    for (const a of spec.arguments ?? []) {
      const name = a.variadic ? `${a.name}...` : a.name;
      cmd.argument(a.optional ? `[${name}]` : `<${name}>`, a.description, a.default);
    }
    for (const o of spec.options) {
      const opt = new Option(o.flags, o.description);
      if (o.default !== undefined) opt.default(o.default);
      if (o.parse) opt.argParser(o.parse as (value: string, previous: unknown) => unknown);
      if (o.advanced) opt.hideHelp();
      cmd.addOption(opt);
    }
    cmd.addOption(new Option('-q, --quiet', 'no progress or summaries on stderr'));
    cmd.addOption(new Option('--debug', 'print stack traces of internal errors').hideHelp());
    if (spec.examples.length) {
      cmd.addHelpText('after', `\nExamples:\n${spec.examples.map((e) => `  $ ${e}`).join('\n')}`);
    }
    cmd.exitOverride();
    cmd.action(async (...received: unknown[]) => {
      // commander passes the declared arguments, then the options object, then the command itself
      const options = received[received.length - 2] as Record<string, unknown> & GlobalFlags;
      const args = received.slice(0, received.length - 2);
      await spec.run(args, options, contextFor(options));
    });
  }
  return program;
}

function contextFor(flags: GlobalFlags): CommandContext {
  const quiet = Boolean(flags.quiet);
  const log = (line: string): void => {
    if (!quiet) process.stderr.write(`${line}\n`);
  };
  return {
    quiet,
    log,
    withProgress: (label, work, done) => withProgress(label, !quiet, log, work, done),
  };
}
