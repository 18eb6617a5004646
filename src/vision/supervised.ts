/** The supervised objective: cross-entropy on labelled images, accuracy as the step metric; and its inference graph. */
import type { Graph, Value } from '../engine/graph.js';
import { crossEntropy } from '../engine/nn/index.js';
import { argmax, cast, equal, reduceMean, softmax } from '../engine/ops/index.js';
import type { ModelOutputs } from '../engine/train-step.js';
import { buildClassifier, imageInput, type ClassifierSpec } from './architectures.js';

export const LABEL_INPUT = 'label';

export interface SupervisedOptions {
  labelSmoothing?: number;
}

/** The training graph's model part: inputs `image` [batch, pixels] float32 and `label` [batch] int64. */
export function supervisedLoss(s: ClassifierSpec, o: SupervisedOptions = {}): (g: Graph) => ModelOutputs {
  return (g) => {
    const x = imageInput(g, s);
    const y = g.input(LABEL_INPUT, 'int64', ['batch']);
    const { logits } = buildClassifier(g, s, x);
    const accuracy = reduceMean(cast(equal(argmax(logits, -1), y), 'float32'));
    return { loss: crossEntropy(logits, y, { labelSmoothing: o.labelSmoothing }), metrics: { accuracy } };
  };
}

/** The inference graph: `image` in; `logits`, `probabilities` and `embedding` out. */
export function classifierInference(s: ClassifierSpec): (g: Graph) => Record<string, Value> {
  return (g) => {
    const { logits, embedding } = buildClassifier(g, s, imageInput(g, s));
    return { logits, probabilities: softmax(logits, -1), embedding };
  };
}
