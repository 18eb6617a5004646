/** Progress of long work. On a terminal it is an ora spinner on stderr; elsewhere it says nothing. */
interface Progress {
  update(text: string): void;
  done(text?: string): void;
  fail(): void;
}

const silent: Progress = { update() {}, done() {}, fail() {} };

/**
 * A spinner that redraws at most ten times a second: stages call `update` per item, and redrawing on every call
 * would cost more than small items take.
 */
async function createProgress(label: string): Promise<Progress> {
  // loaded only on a terminal: ora costs a fifth of a second at start-up
  const { default: ora } = await import('ora');
  const spinner = ora({ text: label, stream: process.stderr, discardStdin: false }).start();
  let last = 0;
  return {
    update(text) {
      const now = Date.now();
      if (now - last < 100) return;
      last = now;
      spinner.text = `${label}: ${text}`;
    },
    done(text) {
      spinner.succeed(text ? `${label}: ${text}` : label);
    },
    fail() {
      spinner.stop();
    },
  };
}

/**
 * A spinner needs a terminal that knows its width. A pseudo-terminal opened without a size (`script` run from a
 * pipe, some CI wrappers) reports 0 columns, and ora 9 then computes an infinite number of lines to clear and
 * never returns; there the spinner stays off, as it does off a terminal.
 */
function spinnerFits(): boolean {
  return Boolean(process.stderr.isTTY) && (process.stderr.columns ?? 0) > 0;
}

/** What a command hands the stage it runs under a spinner; named as the stages' requests name them. */
export interface StageProgress {
  /** Replaces the spinner's text. */
  progress(text: string): void;
  /** A line from the stage: into the spinner while it shows, where a printed line would break it; else to stderr. */
  log(line: string): void;
}

/**
 * Runs `work` under a spinner labelled `label` (shown only on a terminal that fits one, and only when `enabled`)
 * and stops the spinner however the work ends: with `done(result)` as its last text on success, silently on
 * failure, where the error line follows. `log` writes a line on stderr.
 */
export async function withProgress<T>(label: string, enabled: boolean, log: (line: string) => void, work: (p: StageProgress) => Promise<T>, done?: (result: T) => string): Promise<T> {
  const spinning = enabled && spinnerFits();
  const spinner = spinning ? await createProgress(label) : silent;
  const p: StageProgress = { progress: (text) => spinner.update(text), log: (line) => (spinning ? spinner.update(line) : log(line)) };
  try {
    const result = await work(p);
    spinner.done(done?.(result));
    return result;
  } catch (err) {
    spinner.fail();
    throw err;
  }
}
