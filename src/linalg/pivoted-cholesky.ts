/**
 * Greedy pivoted (incomplete) Cholesky: a rank-r factor G (n×r) with K ≈ G·Gᵀ, built from r kernel columns.
 * It is the Nyström approximation on the greedily chosen landmarks, but needs only a diagonal and one column
 * callback, so the n×n Gram matrix is never formed: O(n·r²) time and O(n·r) memory. The trace of the residual
 * K − G·Gᵀ equals the sum of the remaining diagonal, which gives a cheap, exact stopping rule.
 */
export interface LowRankFactor {
  /** Row-major n×rank factor. */
  g: Float64Array;
  n: number;
  rank: number;
  /** Pivot indices in the order chosen. */
  pivots: number[];
  /** Trace of K − G·Gᵀ when the factor stopped. */
  residualTrace: number;
}

/**
 * @param diag    the n diagonal entries of K
 * @param column  fills out[0..n) with column j of K
 * @param maxRank upper bound on the rank
 * @param relTol  stop once the residual trace is below relTol · trace(K)
 */
export function pivotedCholesky(
  diag: Float64Array,
  column: (j: number, out: Float64Array) => void,
  maxRank: number,
  relTol: number,
): LowRankFactor {
  const n = diag.length;
  const cap = Math.min(maxRank, n);
  const d = Float64Array.from(diag);
  let trace = 0;
  for (let i = 0; i < n; i++) trace += d[i];
  const stop = relTol * trace;
  // Columns are kept column-major while building (one contiguous array per pivot), then packed row-major.
  const cols: Float64Array[] = [];
  const pivots: number[] = [];
  const kcol = new Float64Array(n);
  let residual = trace;
  while (cols.length < cap && residual > stop) {
    let p = 0;
    for (let i = 1; i < n; i++) if (d[i] > d[p]) p = i;
    const dp = d[p];
    if (!(dp > 0)) break;
    column(p, kcol);
    const gcol = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      let s = kcol[i];
      for (let c = 0; c < cols.length; c++) s -= cols[c][i] * cols[c][p];
      gcol[i] = s;
    }
    const inv = 1 / Math.sqrt(dp);
    residual = 0;
    for (let i = 0; i < n; i++) {
      gcol[i] *= inv;
      d[i] = Math.max(d[i] - gcol[i] * gcol[i], 0);
      residual += d[i];
    }
    d[p] = 0;
    cols.push(gcol);
    pivots.push(p);
  }
  const rank = cols.length;
  const g = new Float64Array(n * rank);
  for (let c = 0; c < rank; c++) {
    const col = cols[c];
    for (let i = 0; i < n; i++) g[i * rank + c] = col[i];
  }
  return { g, n, rank, pivots, residualTrace: residual };
}
