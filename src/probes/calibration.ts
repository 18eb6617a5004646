/**
 * Calibration of confidence scores: does a prediction made with confidence 0.8 turn out right 80% of the time?
 * Rows are sorted by confidence and cut into bins of equal count (deciles by default), so every bin holds enough rows
 * to measure its accuracy even when the confidences bunch up near 1.
 */
export interface CalibrationBin {
  /** The lowest and highest confidence in the bin. */
  readonly from: number;
  readonly to: number;
  readonly count: number;
  readonly meanConfidence: number;
  readonly accuracy: number;
}

export interface Calibration {
  readonly bins: CalibrationBin[];
  /** Expected calibration error: sum over bins of (count / rows) x |accuracy - mean confidence|. */
  readonly ece: number;
}

/**
 * Bin b holds the rows ranked [floor(b n / bins), floor((b + 1) n / bins)) by ascending confidence (ties in row order);
 * with fewer rows than bins the empty bins are left out.
 */
export function calibrationByQuantile(confidence: ArrayLike<number>, correct: ArrayLike<boolean>, bins = 10): Calibration {
  const n = confidence.length;
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => confidence[a] - confidence[b] || a - b);
  const out: CalibrationBin[] = [];
  let ece = 0;
  for (let b = 0; b < bins; b++) {
    const lo = Math.floor((b * n) / bins);
    const hi = Math.floor(((b + 1) * n) / bins);
    if (hi === lo) continue;
    let conf = 0;
    let right = 0;
    for (let r = lo; r < hi; r++) {
      conf += confidence[order[r]];
      if (correct[order[r]]) right++;
    }
    const count = hi - lo;
    const bin = { from: confidence[order[lo]], to: confidence[order[hi - 1]], count, meanConfidence: conf / count, accuracy: right / count };
    ece += (count / n) * Math.abs(bin.accuracy - bin.meanConfidence);
    out.push(bin);
  }
  return { bins: out, ece };
}
