/**
 * The target network's EMA decay at step t of T: from `base` at the start to 1 at the end on a cosine, so the
 * target moves with the online network early and freezes as training converges (BYOL; the schedule ReLIC's
 * public re-implementation attributes to the paper, method note §1.3).
 */
export function cosineEmaDecay(base: number, totalSteps: number): (step: number) => number {
  return (t) => 1 - (1 - base) * (Math.cos((Math.PI * Math.min(t, totalSteps)) / totalSteps) + 1) / 2;
}
