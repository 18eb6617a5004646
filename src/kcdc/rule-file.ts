import { DataError } from '../common/errors.js';
import { ComputeSettings } from './pair-deviances.js';
import { DevianceConfig, configLabel, parseConfig } from './deviance-config.js';
import type { Tree } from './tree-ensemble.js';

/**
 * The learned decision rule (rule 3) as plain JSON: the feature spec (which deviances), how they were computed,
 * and the model: logistic weights, or a tree ensemble. A rule file is self-contained, so `--rule-file FILE`
 * reproduces the trained behaviour whatever the current defaults are.
 */
export const RULE_FORMAT = 'causal-kcdc-rule';
/**
 * Versions: 1 = logistic weights over log-ratio features; 2 = the same with per-feature bandwidth multipliers;
 * 3 = a tree ensemble (`model: "trees"`). A rule is written with the lowest version that can hold it, so older files
 * stay byte for byte what they were and readable by older builds, and an older build given a newer file stops with
 * "unsupported rule version N" instead of silently misreading it.
 */
export const RULE_VERSION = 3;
export type RuleVersion = 1 | 2 | 3;

/** The version a rule is written as (see RULE_VERSION). */
export function ruleVersionFor(rule: Pick<ClassifierRule, 'model' | 'features'>): RuleVersion {
  if (rule.model.kind === 'trees') return 3;
  return rule.features.some((c) => (c.bandwidth ?? 1) !== 1) ? 2 : 1;
}

/**
 * Logistic: feature c is clip(log S_{Y→X} − log S_{X→Y}, ±FEATURE_CLIP) / scale[c], and p(x→y) = sigmoid(Σ_c
 * weights[c]·feature_c); no intercept, so swapping x and y gives 1 − p.
 */
export interface LogisticModel {
  kind: 'logistic';
  scale: number[];
  weights: number[];
}

/**
 * Trees: g(x, y) = treeMargin(trees, [f_1..f_k, c_1..c_k]) with f_c the clipped log-ratio and c_c the symmetric
 * context (log S_{X→Y} + log S_{Y→X}) / 2 of reading c; p(x→y) = sigmoid(g(x, y) − g(y, x)), antisymmetric by
 * construction (docs/kcdc.md, "The learned rule").
 */
export interface TreeModel {
  kind: 'trees';
  trees: Tree[];
}

export interface ClassifierRule {
  format: typeof RULE_FORMAT;
  version: RuleVersion;
  features: DevianceConfig[];
  model: LogisticModel | TreeModel;
  compute: ComputeSettings;
  /** Free-form provenance (training seed, generator spec, l2, sizes); not used for decisions. */
  training: Record<string, unknown>;
}

/** Bounds a log-ratio so a degenerate direction (zero deviance) cannot dominate the sum. */
export const FEATURE_CLIP = 20;

/** Serialises with a fixed key order so the same rule always gives the same bytes. */
export function ruleToJson(rule: ClassifierRule): string {
  return (
    JSON.stringify(
      {
        format: rule.format,
        version: ruleVersionFor(rule),
        compute: {
          subsample: rule.compute.subsample,
          subsamples: rule.compute.subsamples,
          maxRank: rule.compute.maxRank,
          relTol: rule.compute.relTol,
        },
        features: rule.features.map((c) => ({
          input: c.input,
          output: c.output,
          lambda: c.lambda,
          statistic: c.statistic,
          ...((c.bandwidth ?? 1) !== 1 ? { bandwidth: c.bandwidth } : {}),
        })),
        ...(rule.model.kind === 'trees'
          ? { model: 'trees', trees: rule.model.trees.map((t) => ({ feature: t.feature, threshold: t.threshold, left: t.left, right: t.right, value: t.value })) }
          : { scale: rule.model.scale, weights: rule.model.weights }),
        training: rule.training,
      },
      null,
      1,
    ) + '\n'
  );
}

/** Parses and validates a rule file's text (or already-parsed JSON); throws DataError naming the bad field. */
export function parseRule(json: string | unknown): ClassifierRule {
  let raw: unknown = json;
  if (typeof json === 'string') {
    try {
      raw = JSON.parse(json);
    } catch {
      throw new DataError('rule file is not valid JSON');
    }
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw new DataError('rule file must hold a JSON object');
  const r = raw as Record<string, unknown>;
  if (r.format !== RULE_FORMAT) throw new DataError(`rule file format must be '${RULE_FORMAT}'`);
  if (r.version !== 1 && r.version !== 2 && r.version !== 3)
    throw new DataError(`unsupported rule version ${String(r.version)} (this build reads versions 1 to ${RULE_VERSION})`);
  if (!Array.isArray(r.features) || r.features.length === 0) throw new DataError('rule features must be a non-empty array');
  const features = r.features.map((c, i) => parseConfig(c, `features[${i}]`));
  if (r.version === 1 && features.some((c) => c.bandwidth !== undefined)) throw new DataError('rule version 1 does not support bandwidth multipliers (use version 2)');
  const labels = new Set(features.map(configLabel));
  if (labels.size !== features.length) throw new DataError('rule features contain duplicates');
  const model = r.version === 3 ? treeModel(r, 2 * features.length) : logisticModel(r, features.length);
  const c = r.compute as Record<string, unknown> | undefined;
  if (typeof c !== 'object' || c === null) throw new DataError('rule compute settings are missing');
  const subsample = c.subsample;
  const subsamples = c.subsamples;
  const maxRank = c.maxRank;
  const relTol = c.relTol;
  if (!Number.isInteger(subsample) || (subsample as number) < 10) throw new DataError('rule compute.subsample must be an integer >= 10');
  if (!Number.isInteger(subsamples) || (subsamples as number) < 1) throw new DataError('rule compute.subsamples must be a positive integer');
  if (!Number.isInteger(maxRank) || (maxRank as number) < 1) throw new DataError('rule compute.maxRank must be a positive integer');
  if (typeof relTol !== 'number' || !(relTol >= 0 && relTol < 1)) throw new DataError('rule compute.relTol must be in [0, 1)');
  const training = typeof r.training === 'object' && r.training !== null ? (r.training as Record<string, unknown>) : {};
  return {
    format: RULE_FORMAT,
    version: ruleVersionFor({ model, features }),
    features,
    model,
    compute: { subsample: subsample as number, subsamples: subsamples as number, maxRank: maxRank as number, relTol },
    training,
  };
}

function logisticModel(r: Record<string, unknown>, k: number): LogisticModel {
  const scale = numbers(r.scale, 'scale', k);
  if (scale.some((s) => !(s > 0))) throw new DataError('rule scale entries must be positive');
  return { kind: 'logistic', scale, weights: numbers(r.weights, 'weights', k) };
}

/** A version-3 rule's trees, each checked to be a well-formed binary tree over `inputs` values. */
function treeModel(r: Record<string, unknown>, inputs: number): TreeModel {
  if (r.model !== 'trees') throw new DataError("rule version 3 must have model 'trees'");
  if (!Array.isArray(r.trees) || r.trees.length === 0) throw new DataError('rule trees must be a non-empty array');
  const trees = r.trees.map((raw, i): Tree => {
    const t = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
    const size = Array.isArray(t.feature) ? t.feature.length : 0;
    if (size === 0) throw new DataError(`rule trees[${i}] has no nodes`);
    const tree = {
      feature: numbers(t.feature, `trees[${i}].feature`, size),
      threshold: numbers(t.threshold, `trees[${i}].threshold`, size),
      left: numbers(t.left, `trees[${i}].left`, size),
      right: numbers(t.right, `trees[${i}].right`, size),
      value: numbers(t.value, `trees[${i}].value`, size),
    };
    for (let k = 0; k < size; k++) {
      const f = tree.feature[k];
      if (!Number.isInteger(f) || f >= inputs) throw new DataError(`rule trees[${i}] node ${k} reads input ${f} of ${inputs}`);
      // children come after their parent, so a walk from the root always ends at a leaf
      if (f >= 0 && !([tree.left[k], tree.right[k]].every((c) => Number.isInteger(c) && c > k && c < size))) {
        throw new DataError(`rule trees[${i}] node ${k} has bad children`);
      }
    }
    return tree;
  });
  return { kind: 'trees', trees };
}

function numbers(v: unknown, what: string, length: number): number[] {
  if (!Array.isArray(v) || v.length !== length) throw new DataError(`rule ${what} must be an array of ${length} numbers`);
  if (v.some((x) => typeof x !== 'number' || !Number.isFinite(x))) throw new DataError(`rule ${what} must hold finite numbers`);
  return v as number[];
}
