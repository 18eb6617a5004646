/** Naive float64 reference implementations for the ops that ONNX Runtime's CPU provider runs in float32 only. */

export interface ConvParams {
  stride: [number, number];
  pads: [number, number, number, number];
  dilation: [number, number];
}

/** y[n, o, i, j] = b[o] + sum_c,p,q x[n, c, i*s - pt + p*d, j*s - pl + q*d] w[o, c, p, q]. */
export function conv2dRef(x: Float64Array, xs: number[], w: Float64Array, ws: number[], b: Float64Array | null, p: ConvParams): { y: Float64Array; shape: number[] } {
  const [n, c, h, wd] = xs;
  const [m, , kh, kw] = ws;
  const ho = Math.floor((h + p.pads[0] + p.pads[2] - p.dilation[0] * (kh - 1) - 1) / p.stride[0]) + 1;
  const wo = Math.floor((wd + p.pads[1] + p.pads[3] - p.dilation[1] * (kw - 1) - 1) / p.stride[1]) + 1;
  const y = new Float64Array(n * m * ho * wo);
  for (let b0 = 0; b0 < n; b0++)
    for (let o = 0; o < m; o++)
      for (let i = 0; i < ho; i++)
        for (let j = 0; j < wo; j++) {
          let s = b ? b[o] : 0;
          for (let ci = 0; ci < c; ci++)
            for (let q = 0; q < kh; q++)
              for (let r = 0; r < kw; r++) {
                const yy = i * p.stride[0] - p.pads[0] + q * p.dilation[0];
                const xx = j * p.stride[1] - p.pads[1] + r * p.dilation[1];
                if (yy < 0 || yy >= h || xx < 0 || xx >= wd) continue;
                s += x[((b0 * c + ci) * h + yy) * wd + xx] * w[((o * c + ci) * kh + q) * kw + r];
              }
          y[((b0 * m + o) * ho + i) * wo + j] = s;
        }
  return { y, shape: [n, m, ho, wo] };
}

/** Transposed convolution by scattering: each input pixel adds x * w into the output window. */
export function convTranspose2dRef(
  x: Float64Array,
  xs: number[],
  w: Float64Array,
  ws: number[],
  b: Float64Array | null,
  p: ConvParams & { outputPadding: [number, number] },
): Float64Array {
  const [n, c, h, wd] = xs;
  const [, m, kh, kw] = ws;
  const ho = p.stride[0] * (h - 1) + p.outputPadding[0] + p.dilation[0] * (kh - 1) + 1 - p.pads[0] - p.pads[2];
  const wo = p.stride[1] * (wd - 1) + p.outputPadding[1] + p.dilation[1] * (kw - 1) + 1 - p.pads[1] - p.pads[3];
  const y = new Float64Array(n * m * ho * wo);
  for (let b0 = 0; b0 < n; b0++)
    for (let o = 0; o < m; o++) for (let k = 0; k < ho * wo; k++) y[(b0 * m + o) * ho * wo + k] = b ? b[o] : 0;
  for (let b0 = 0; b0 < n; b0++)
    for (let ci = 0; ci < c; ci++)
      for (let i = 0; i < h; i++)
        for (let j = 0; j < wd; j++)
          for (let o = 0; o < m; o++)
            for (let q = 0; q < kh; q++)
              for (let r = 0; r < kw; r++) {
                const yy = i * p.stride[0] - p.pads[0] + q * p.dilation[0];
                const xx = j * p.stride[1] - p.pads[1] + r * p.dilation[1];
                if (yy < 0 || yy >= ho || xx < 0 || xx >= wo) continue;
                y[((b0 * m + o) * ho + yy) * wo + xx] += x[((b0 * c + ci) * h + i) * wd + j] * w[((ci * m + o) * kh + q) * kw + r];
              }
  return y;
}

/** Average pooling counting padded cells in the divisor. */
export function avgPool2dRef(x: Float64Array, xs: number[], k: [number, number], s: [number, number], pads: [number, number, number, number]): Float64Array {
  const [n, c, h, w] = xs;
  const ho = Math.floor((h + pads[0] + pads[2] - k[0]) / s[0]) + 1;
  const wo = Math.floor((w + pads[1] + pads[3] - k[1]) / s[1]) + 1;
  const y = new Float64Array(n * c * ho * wo);
  for (let nc = 0; nc < n * c; nc++)
    for (let i = 0; i < ho; i++)
      for (let j = 0; j < wo; j++) {
        let sum = 0;
        for (let q = 0; q < k[0]; q++)
          for (let r = 0; r < k[1]; r++) {
            const yy = i * s[0] - pads[0] + q;
            const xx = j * s[1] - pads[1] + r;
            if (yy >= 0 && yy < h && xx >= 0 && xx < w) sum += x[(nc * h + yy) * w + xx];
          }
        y[(nc * ho + i) * wo + j] = sum / (k[0] * k[1]);
      }
  return y;
}

/** erf by its Maclaurin series (accurate to ~1e-15 for |x| < 3). */
export function erfRef(x: number): number {
  let term = x;
  let sum = x;
  for (let n = 1; n < 80; n++) {
    term *= (-x * x) / n;
    sum += term / (2 * n + 1);
  }
  return (2 / Math.sqrt(Math.PI)) * sum;
}
