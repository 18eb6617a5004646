/**
 * Means of per-step training numbers (loss, metrics) since the last `take`: a model card's history has one row per
 * epoch, averaged over the steps this run took in it (a resumed run starts its first row at the resume point).
 * The sums run in step order, so a row is the same whichever trainer keeps it.
 */
export class StepMeans {
  private sums: Record<string, number> = {};
  private steps = 0;

  add(values: Readonly<Record<string, number>>): void {
    for (const [k, v] of Object.entries(values)) this.sums[k] = (this.sums[k] ?? 0) + v;
    this.steps += 1;
  }

  /** The means since the last take (keys in the order they were first added), and a fresh start. */
  take(): Record<string, number> {
    const means = Object.fromEntries(Object.entries(this.sums).map(([k, s]) => [k, s / this.steps]));
    this.sums = {};
    this.steps = 0;
    return means;
  }
}
