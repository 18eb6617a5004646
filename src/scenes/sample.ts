import type { Rng } from '../common/random.js';
import {
  CELLS,
  COLORS,
  HELDOUT_PAIRS,
  MAX_OBJECTS,
  RELATIONS,
  SHAPES,
  SIZES,
  type Color,
  type Relation,
  type Scene,
  type SceneObject,
  type Shape,
  type Size,
  isHeldout,
  relationHolds,
} from './world.js';

/** Share of scenes with two or more objects whose captions may state a relation. */
const RELATION_PROBABILITY = 0.6;

export interface SampleOptions {
  /** Objects may be held-out (colour, shape) pairs (default false: the train and test splits). */
  readonly allowHeldout?: boolean;
  /** At least one object is a held-out pair (the heldout split); implies allowHeldout. */
  readonly requireHeldout?: boolean;
}

/** What a concept pins down (src/scenes/concepts.ts); everything else is drawn as sampleScene draws it. */
export interface SceneConstraints {
  readonly allowHeldout?: boolean;
  readonly count?: number;
  readonly relation?: Relation;
  /** Attributes that one of the objects must have. */
  readonly object?: { readonly color?: Color; readonly shape?: Shape; readonly size?: Size };
}

/**
 * A random scene: 1-3 objects (uniform), colour, shape and size uniform among the allowed, distinct random cells;
 * with two or more objects a relation (uniform over the five) is stated with probability 0.6, its two cells drawn
 * uniformly among those where it holds.
 */
export function sampleScene(rng: Rng, o: SampleOptions = {}): Scene {
  if (!o.requireHeldout) return constrainedScene(rng, { allowHeldout: o.allowHeldout });
  const [color, shape] = pick(rng, HELDOUT_PAIRS);
  return constrainedScene(rng, { allowHeldout: true, object: { color, shape } });
}

export function constrainedScene(rng: Rng, c: SceneConstraints): Scene {
  const want = c.object ?? {};
  if (!c.allowHeldout && want.color && want.shape && isHeldout(want.color, want.shape)) {
    throw new Error(`a ${want.color} ${want.shape} is a held-out combination and held-out pairs are not allowed`);
  }
  const count = c.count ?? (c.relation ? 2 + rng.int(MAX_OBJECTS - 1) : 1 + rng.int(MAX_OBJECTS));
  const drawn: Omit<SceneObject, 'cell'>[] = [];
  for (let k = 0; k < count; k++) {
    const w = k === 0 ? want : {};
    let color: Color;
    let shape: Shape;
    do {
      color = w.color ?? pick(rng, COLORS);
      shape = w.shape ?? pick(rng, SHAPES);
    } while ((!c.allowHeldout && isHeldout(color, shape)) || drawn.some((d) => d.color === color && d.shape === shape));
    drawn.push({ color, shape, size: w.size ?? pick(rng, SIZES) });
  }
  rng.shuffle(drawn);
  const relation = c.relation ?? (count >= 2 && rng.uniform() < RELATION_PROBABILITY ? pick(rng, RELATIONS) : null);
  const cells = relation ? relationCells(rng, relation, count) : rng.shuffle(allCells()).slice(0, count);
  return { objects: drawn.map((d, i) => ({ ...d, cell: cells[i] })), relation };
}

/** Ordered cell pairs (a, b) where a stands in the relation to b. */
const RELATION_PAIRS = Object.fromEntries(
  RELATIONS.map((r) => [r, allCells().flatMap((a) => allCells().filter((b) => b !== a && relationHolds(r, a, b)).map((b) => [a, b] as const))]),
) as Record<Relation, (readonly [number, number])[]>;

function relationCells(rng: Rng, relation: Relation, count: number): number[] {
  const [a, b] = pick(rng, RELATION_PAIRS[relation]);
  const rest = rng.shuffle(allCells().filter((x) => x !== a && x !== b));
  return [a, b, ...rest.slice(0, count - 2)];
}

function allCells(): number[] {
  return Array.from({ length: CELLS }, (_, i) => i);
}

export function pick<T>(rng: Rng, items: readonly T[]): T {
  return items[rng.int(items.length)];
}
