/**
 * The scene world of the Synth² miniature (docs/scenes.md): what a scene can hold, defined once. The sampler,
 * renderer, caption grammar, parser, concept list and Arrow columns all derive from these tables.
 */

export const SHAPES = ['square', 'circle', 'triangle', 'cross', 'bar'] as const;
export const COLORS = ['red', 'green', 'blue', 'yellow', 'purple', 'cyan', 'white'] as const;
export const SIZES = ['small', 'large'] as const;
/** How objects[0] stands to objects[1]; multi-word relations are spelled as in captions. */
export const RELATIONS = ['left of', 'right of', 'above', 'below', 'next to'] as const;

export type Shape = (typeof SHAPES)[number];
export type Color = (typeof COLORS)[number];
export type Size = (typeof SIZES)[number];
export type Relation = (typeof RELATIONS)[number];

/** The 3x3 grid, cells 0..8 row-major. */
export const GRID = 3;
export const CELLS = GRID * GRID;
export const MAX_OBJECTS = 3;

export interface SceneObject {
  readonly shape: Shape;
  readonly color: Color;
  readonly size: Size;
  readonly cell: number;
}

/**
 * 1-3 objects in distinct cells, no two with the same colour and shape (so a caption names each one unambiguously).
 * `relation`, when set, says how objects[0] stands to objects[1] and holds for their cells.
 */
export interface Scene {
  readonly objects: readonly SceneObject[];
  readonly relation: Relation | null;
}

/**
 * (colour, shape) pairs kept out of the train and test splits, for testing compositional generalisation: 7 of 35
 * (20%), every colour exactly once and every shape once or twice, so each colour and each shape still appears in
 * training with four or more partners. Includes the method note's examples (red triangle, cyan cross).
 */
export const HELDOUT_PAIRS: readonly (readonly [Color, Shape])[] = [
  ['red', 'triangle'],
  ['green', 'bar'],
  ['blue', 'circle'],
  ['yellow', 'cross'],
  ['purple', 'square'],
  ['cyan', 'cross'],
  ['white', 'triangle'],
];

export function isHeldout(color: Color, shape: Shape): boolean {
  return HELDOUT_PAIRS.some(([c, s]) => c === color && s === shape);
}

export function sceneHasHeldout(scene: Scene): boolean {
  return scene.objects.some((o) => isHeldout(o.color, o.shape));
}

/** Whether an object in cell `a` stands in `relation` to one in cell `b`: left/right in one row, above/below in one column, next to = sharing an edge. */
export function relationHolds(relation: Relation, a: number, b: number): boolean {
  const [ra, ca, rb, cb] = [Math.floor(a / GRID), a % GRID, Math.floor(b / GRID), b % GRID];
  switch (relation) {
    case 'left of':
      return ra === rb && ca < cb;
    case 'right of':
      return ra === rb && ca > cb;
    case 'above':
      return ca === cb && ra < rb;
    case 'below':
      return ca === cb && ra > rb;
    case 'next to':
      return Math.abs(ra - rb) + Math.abs(ca - cb) === 1;
  }
}

/** The relation of b to a when a stands in `relation` to b ("a above b" = "b below a"). */
export function inverseRelation(relation: Relation): Relation {
  const inverse: Record<Relation, Relation> = { 'left of': 'right of', 'right of': 'left of', above: 'below', below: 'above', 'next to': 'next to' };
  return inverse[relation];
}
