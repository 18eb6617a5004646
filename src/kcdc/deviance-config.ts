import { DataError } from '../common/errors.js';
import { KERNEL_NAMES, KernelName } from './kernels.js';
import { STATISTIC_NAMES, StatisticName } from './statistics.js';

/** One reading of the deviance: input kernel (on the candidate cause), output kernel, λ and statistic. */
export interface DevianceConfig {
  input: KernelName;
  output: KernelName;
  lambda: number;
  statistic: StatisticName;
  /**
   * Multiplier on the median-heuristic bandwidth of both variables (absent = 1). Extra multipliers read the same
   * deviance at a finer or coarser resolution.
   */
  bandwidth?: number;
}

/** The bandwidth multiplier of a config (1 when absent). */
export function bandwidthOf(c: DevianceConfig): number {
  return c.bandwidth ?? 1;
}

/** A short stable label, e.g. `laplace-laplace/1e-4/ncv` or `laplace-laplace/1e-4/ncv@0.5h`, used in votes and feature specs. */
export function configLabel(c: DevianceConfig): string {
  const h = bandwidthOf(c);
  return `${c.input}-${c.output}/${c.lambda.toExponential()}/${c.statistic}${h === 1 ? '' : `@${h}h`}`;
}

/** Validates an untrusted config (from a rule file); `where` names it in the message. */
export function parseConfig(raw: unknown, where: string): DevianceConfig {
  if (typeof raw !== 'object' || raw === null) throw new DataError(`${where} is not an object`);
  const r = raw as Record<string, unknown>;
  if (!KERNEL_NAMES.includes(r.input as KernelName)) throw new DataError(`${where}.input is not a kernel name (${KERNEL_NAMES.join(', ')})`);
  if (!KERNEL_NAMES.includes(r.output as KernelName)) throw new DataError(`${where}.output is not a kernel name (${KERNEL_NAMES.join(', ')})`);
  if (typeof r.lambda !== 'number' || !(r.lambda > 0) || !Number.isFinite(r.lambda)) throw new DataError(`${where}.lambda must be a positive number`);
  if (!STATISTIC_NAMES.includes(r.statistic as StatisticName)) throw new DataError(`${where}.statistic is not one of ${STATISTIC_NAMES.join(', ')}`);
  const config: DevianceConfig = { input: r.input as KernelName, output: r.output as KernelName, lambda: r.lambda, statistic: r.statistic as StatisticName };
  if (r.bandwidth !== undefined) {
    if (typeof r.bandwidth !== 'number' || !(r.bandwidth > 0) || !Number.isFinite(r.bandwidth)) throw new DataError(`${where}.bandwidth must be a positive number`);
    if (r.bandwidth !== 1) config.bandwidth = r.bandwidth;
  }
  return config;
}
