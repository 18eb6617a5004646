import { DataError } from '../common/errors.js';
import { KERNEL_NAMES, KernelName } from './kernels.js';
import { STATISTIC_NAMES, StatisticName } from './statistics.js';

/** One reading of the deviance: input kernel (on the candidate cause), output kernel, λ and statistic. */
export interface DevianceConfig {
  input: KernelName;
  output: KernelName;
  lambda: number;
  statistic: StatisticName;
}

/** A short stable label, e.g. `laplace-laplace/1e-4/ncv`, used in votes and feature specs. */
export function configLabel(c: DevianceConfig): string {
  return `${c.input}-${c.output}/${c.lambda.toExponential()}/${c.statistic}`;
}

/** Validates an untrusted config (from a rule file); `where` names it in the message. */
export function parseConfig(raw: unknown, where: string): DevianceConfig {
  if (typeof raw !== 'object' || raw === null) throw new DataError(`${where} is not an object`);
  const r = raw as Record<string, unknown>;
  if (!KERNEL_NAMES.includes(r.input as KernelName)) throw new DataError(`${where}.input is not a kernel name (${KERNEL_NAMES.join(', ')})`);
  if (!KERNEL_NAMES.includes(r.output as KernelName)) throw new DataError(`${where}.output is not a kernel name (${KERNEL_NAMES.join(', ')})`);
  if (typeof r.lambda !== 'number' || !(r.lambda > 0) || !Number.isFinite(r.lambda)) throw new DataError(`${where}.lambda must be a positive number`);
  if (!STATISTIC_NAMES.includes(r.statistic as StatisticName)) throw new DataError(`${where}.statistic is not one of ${STATISTIC_NAMES.join(', ')}`);
  return { input: r.input as KernelName, output: r.output as KernelName, lambda: r.lambda, statistic: r.statistic as StatisticName };
}
