import type { StageProgress } from './progress.js';

/** A flag as its command declares it; the registry turns it into a commander option. */
export interface OptionSpec {
  /** Commander flag syntax, e.g. `-o, --output <path>`. */
  readonly flags: string;
  readonly description: string;
  readonly default?: unknown;
  /** Converts and validates the raw value; throws UsageError naming the flag. */
  readonly parse?: (value: string, previous: unknown) => unknown;
  /** Kept out of the short help (debugging, tuning). */
  readonly advanced?: boolean;
}

export interface ArgumentSpec {
  readonly name: string;
  readonly description: string;
  readonly optional?: boolean;
  readonly default?: string;
  readonly variadic?: boolean;
}

/** What the CLI gives a running command: its quiet setting and the ways to talk to the person on stderr. */
export interface CommandContext {
  readonly quiet: boolean;
  /** A line on stderr, unless --quiet. */
  log(line: string): void;
  /**
   * Runs `work` under a spinner on stderr (shown only on a terminal and without --quiet), stopped however the work
   * ends; `done` gives its last text on success.
   */
  withProgress<T>(label: string, work: (p: StageProgress) => Promise<T>, done?: (result: T) => string): Promise<T>;
}

/**
 * One subcommand, in one file under src/commands/. Its usage text (summary, options, examples) is the single source
 * for the parser and `--help`. `run` parses nothing itself: options arrive converted by their `parse` functions.
 */
export interface CommandSpec {
  readonly name: string;
  readonly aliases?: readonly string[];
  readonly summary: string;
  readonly details?: string;
  readonly arguments?: readonly ArgumentSpec[];
  readonly options: readonly OptionSpec[];
  readonly examples: readonly string[];
  run(args: unknown[], options: Record<string, unknown>, ctx: CommandContext): Promise<void>;
}
