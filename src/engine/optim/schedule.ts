import { UsageError } from '../../common/errors.js';

export interface WarmupCosineOptions {
  /** Peak learning rate, reached at the end of warm-up. */
  base: number;
  warmupSteps: number;
  totalSteps: number;
  /** Learning rate at the last step (default 0). */
  final?: number;
}

/**
 * Linear warm-up from base / warmupSteps to base, then cosine decay to `final` at totalSteps. Returns the rate
 * for a 1-based step; computed in TypeScript and fed to the step graph as the scalar input 'lr'.
 */
export function warmupCosine(o: WarmupCosineOptions): (step: number) => number {
  if (o.totalSteps <= 0 || o.warmupSteps < 0 || o.warmupSteps > o.totalSteps) {
    throw new UsageError(`warmupCosine: need 0 <= warmup (${o.warmupSteps}) <= total (${o.totalSteps}) and total > 0`);
  }
  const final = o.final ?? 0;
  return (step: number): number => {
    if (step <= o.warmupSteps) return (o.base * step) / o.warmupSteps;
    const progress = Math.min(1, (step - o.warmupSteps) / Math.max(1, o.totalSteps - o.warmupSteps));
    return final + 0.5 * (o.base - final) * (1 + Math.cos(Math.PI * progress));
  };
}
