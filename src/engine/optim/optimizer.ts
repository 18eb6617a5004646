/**
 * Optimizers emit their update into the train-step graph. Per-step scalars (learning rate, step count) are graph
 * inputs fed from TypeScript; per-parameter state (momentum, moments) are graph inputs whose new values are graph
 * outputs, which the TrainStep feeds back in on the next step.
 */
import type { ParamSpec, Value } from '../graph.js';

export interface StepScalars {
  /** Learning rate for this step (float scalar input 'lr'). */
  readonly lr: Value;
  /** 1-based step number as a float scalar (input 'step'). */
  readonly step: Value;
}

export interface Optimizer {
  readonly name: string;
  /** Names of the per-parameter state slots; each starts at zero with the parameter's shape. */
  readonly slots: readonly string[];
  /** The updated parameter and slot values; called once per trainable parameter. */
  update(p: { spec: ParamSpec; param: Value; grad: Value; state: readonly Value[]; scalars: StepScalars }): { param: Value; state: Value[] };
}
