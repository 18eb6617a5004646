
/** Progress of long work. On a terminal it is an ora spinner on stderr; elsewhere it says nothing. */
export interface Progress {
  update(text: string): void;
  done(text?: string): void;
  fail(): void;
}

const silent: Progress = { update() {}, done() {}, fail() {} };

/**
 * A spinner that redraws at most ten times a second: stages call `update` per item, and redrawing on every call
 * would cost more than small items take.
 */
export async function createProgress(label: string, enabled: boolean): Promise<Progress> {
  if (!enabled || !process.stderr.isTTY) return silent;
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
