/**
 * Cholesky factorisation A = L·Lᵀ of a symmetric positive (semi)definite matrix, with triangular solves.
 * Kernel Gram matrices are often numerically singular (tied or discrete data), so the factorisation retries with a
 * growing diagonal jitter instead of failing on a tiny negative pivot.
 */

/** Lower-triangular L (row-major n×n) with A + jitter·I = L·Lᵀ; jitter starts at 0 and grows ×10 from 1e-10·mean diag. */
export function cholesky(a: Float64Array, n: number): { l: Float64Array; jitter: number } {
  let meanDiag = 0;
  for (let i = 0; i < n; i++) meanDiag += a[i * n + i];
  meanDiag = n > 0 ? meanDiag / n : 1;
  let jitter = 0;
  for (let attempt = 0; attempt < 12; attempt++) {
    const l = tryCholesky(a, n, jitter);
    if (l) return { l, jitter };
    jitter = jitter === 0 ? 1e-10 * Math.max(meanDiag, 1e-300) : jitter * 10;
  }
  throw new Error('cholesky: matrix is not positive definite even with jitter');
}

function tryCholesky(a: Float64Array, n: number, jitter: number): Float64Array | null {
  const l = new Float64Array(n * n);
  for (let j = 0; j < n; j++) {
    const lj = j * n;
    let d = a[lj + j] + jitter;
    for (let k = 0; k < j; k++) d -= l[lj + k] * l[lj + k];
    if (!(d > 0)) return null;
    const djj = Math.sqrt(d);
    l[lj + j] = djj;
    for (let i = j + 1; i < n; i++) {
      const li = i * n;
      let s = a[li + j];
      for (let k = 0; k < j; k++) s -= l[li + k] * l[lj + k];
      l[li + j] = s / djj;
    }
  }
  return l;
}

/** Solves L·X = B in place for B n×m (lower-triangular L, forward substitution). */
export function solveLower(l: Float64Array, b: Float64Array, n: number, m: number): Float64Array {
  for (let i = 0; i < n; i++) {
    const bi = i * m;
    for (let k = 0; k < i; k++) {
      const lik = l[i * n + k];
      if (lik === 0) continue;
      const bk = k * m;
      for (let j = 0; j < m; j++) b[bi + j] -= lik * b[bk + j];
    }
    const inv = 1 / l[i * n + i];
    for (let j = 0; j < m; j++) b[bi + j] *= inv;
  }
  return b;
}

/** Solves Lᵀ·X = B in place for B n×m (back substitution with the lower factor). */
export function solveUpperT(l: Float64Array, b: Float64Array, n: number, m: number): Float64Array {
  for (let i = n - 1; i >= 0; i--) {
    const bi = i * m;
    for (let k = i + 1; k < n; k++) {
      const lki = l[k * n + i];
      if (lki === 0) continue;
      const bk = k * m;
      for (let j = 0; j < m; j++) b[bi + j] -= lki * b[bk + j];
    }
    const inv = 1 / l[i * n + i];
    for (let j = 0; j < m; j++) b[bi + j] *= inv;
  }
  return b;
}

/** X = A⁻¹·B for B n×m, given the Cholesky factor of A; B is left untouched. */
export function choleskySolve(l: Float64Array, b: Float64Array, n: number, m: number): Float64Array {
  const x = Float64Array.from(b);
  solveLower(l, x, n, m);
  return solveUpperT(l, x, n, m);
}
