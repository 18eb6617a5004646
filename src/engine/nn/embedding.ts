import type { Graph, Value } from '../graph.js';
import { init } from '../init.js';
import { gather } from '../ops/index.js';

/** A table of `count` learned vectors; apply(ids) looks up int64 ids of any shape. */
export class Embedding {
  readonly table: Value;

  constructor(g: Graph, name: string, count: number, dim: number) {
    this.table = g.param(`${name}.table`, [count, dim], init.normal(1 / Math.sqrt(dim)));
  }

  apply(ids: Value): Value {
    return gather(this.table, ids, 0);
  }
}
