import type { Value } from '../graph.js';
import { dropout } from '../ops/index.js';

/** Dropout as a layer; see ops/dropout.ts for how the mask is seeded. Identity in inference graphs. */
export class Dropout {
  constructor(readonly p: number) {}

  apply(x: Value): Value {
    return dropout(x, this.p);
  }
}
