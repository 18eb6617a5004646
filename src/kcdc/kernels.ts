/**
 * Translation-invariant kernels on scalars, written as functions of the distance |a − b| and a bandwidth h.
 * Translation invariance is what makes the KCDC postulate work: under additive noise every conditional p(y|x) is a
 * shifted copy of one law, so its embedding has the same RKHS norm for every x.
 */
export const KERNEL_NAMES = ['rbf', 'laplace', 'rq', 'matern32'] as const;
export type KernelName = (typeof KERNEL_NAMES)[number];

export type Kernel = (distance: number, h: number) => number;

export const KERNELS: Record<KernelName, Kernel> = {
  rbf: (d, h) => Math.exp((-0.5 * d * d) / (h * h)),
  laplace: (d, h) => Math.exp(-d / h),
  // Rational quadratic with α = 1 (a Cauchy kernel): a scale mixture of RBFs with heavy tails.
  rq: (d, h) => 1 / (1 + (0.5 * d * d) / (h * h)),
  matern32: (d, h) => {
    const r = (Math.sqrt(3) * d) / h;
    return (1 + r) * Math.exp(-r);
  },
};
