/** What every decision rule returns for one pair. Decisions are forced: there is no abstention. */
export type Direction = 'x->y' | 'y->x';

export interface Vote {
  /** The deviance config that voted, as configLabel gives it. */
  kernel: string;
  direction: Direction;
  /** That config's deviances S_{X→Y} and S_{Y→X} (lower looks causal). */
  devianceXY: number;
  devianceYX: number;
}

/**
 * scoreXY and scoreYX are the rule's support for each direction: non-negative, summing to 1, higher wins.
 * confidence = |scoreXY − scoreYX| ∈ [0, 1], so sorting by it gives the accuracy-versus-decision-rate curve.
 */
export interface Decision {
  direction: Direction;
  scoreXY: number;
  scoreYX: number;
  confidence: number;
  votes: Vote[];
}

/** Builds a decision from the support for x→y; an exact tie goes to x→y with confidence 0. */
export function decisionFromSupport(supportXY: number, votes: Vote[]): Decision {
  const scoreXY = Math.min(1, Math.max(0, supportXY));
  const scoreYX = 1 - scoreXY;
  return { direction: scoreXY >= scoreYX ? 'x->y' : 'y->x', scoreXY, scoreYX, confidence: Math.abs(scoreXY - scoreYX), votes };
}

/** A config's vote: the direction with the smaller deviance (x→y on a tie). */
export function voteOf(kernel: string, devianceXY: number, devianceYX: number): Vote {
  return { kernel, direction: devianceXY <= devianceYX ? 'x->y' : 'y->x', devianceXY, devianceYX };
}
