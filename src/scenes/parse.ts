/**
 * The caption grammar read back: what a caption says about its scene, and a scene that makes it true. A later
 * oracle renders the true image of a synthetic caption from `parseCaption`; the tests use `readCaption` to check
 * that every generated caption is true of its scene.
 */
import { COUNT_NOUNS, COUNT_WORDS } from './captions.js';
import { MAX_OBJECTS, COLORS, RELATIONS, SHAPES, SIZES, type Color, type Relation, type Scene, type Shape, type Size } from './world.js';

/** An object as a caption names it; `size` is null where the caption leaves it out. */
export interface CaptionObject {
  readonly color: Color;
  readonly shape: Shape;
  readonly size: Size | null;
}

/** The objects in the order the caption names them; `relation` says how the first stands to the second. */
export interface CaptionMeaning {
  readonly objects: readonly CaptionObject[];
  readonly relation: Relation | null;
}

/** What a caption says, or null when it is not a sentence of the grammar (or names more than three objects, or one object twice). */
export function readCaption(caption: string): CaptionMeaning | null {
  const t = caption.trim().toLowerCase().split(/\s+/);
  let i = 0;
  const accept = (...words: string[]): boolean => {
    if (!words.every((w, k) => t[i + k] === w)) return false;
    i += words.length;
    return true;
  };
  const oneOf = <T extends string>(values: readonly T[]): T | null => ((values as readonly string[]).includes(t[i]) ? (t[i++] as T) : null);
  let count: number | null = null;
  const plural = accept('there', 'are');
  if (!plural && !accept('there', 'is')) accept('an', 'image', 'of');
  const c = (COUNT_WORDS as readonly string[]).indexOf(t[i]);
  if (c >= 0 && COUNT_NOUNS.some((nouns) => nouns[c === 0 ? 0 : 1] === t[i + 1])) {
    count = c + 1;
    i += 2;
  }
  if (plural && (count === null || count < 2)) return null;
  const objects: CaptionObject[] = [];
  let relation: Relation | null = null;
  let single = false;
  for (;;) {
    if (!accept('a')) return null;
    if (objects.length === 0) single = accept('single');
    const size = oneOf(SIZES);
    const color = oneOf(COLORS);
    const shape = oneOf(SHAPES);
    if (!color || !shape) return null;
    if (objects.some((o) => o.color === color && o.shape === shape)) return null;
    objects.push({ color, shape, size });
    if (i === t.length) break;
    if (objects.length === 1) relation = RELATIONS.find((r) => accept(...r.split(' '))) ?? null;
    if (objects.length > 1 || relation === null) accept('and');
  }
  if (objects.length > MAX_OBJECTS || (count !== null && count !== objects.length) || (single && objects.length !== 1)) return null;
  return { objects, relation };
}

/** Canonical cells for a stated relation (first object, second object). */
const RELATION_CELLS: Readonly<Record<Relation, readonly [number, number]>> = {
  'left of': [3, 5],
  'right of': [5, 3],
  above: [1, 7],
  below: [7, 1],
  'next to': [3, 4],
};
/** Canonical cells without a relation: along the diagonal, so that none of the five relations holds. */
const LIST_CELLS = [[4], [0, 8], [0, 4, 8]];
/** Where the third object goes beside a relation: a free cell, the centre first. */
const THIRD_CELLS = [4, 0, 8];

/**
 * A scene the caption is true of: its objects in caption order, unmentioned sizes large, cells placed canonically
 * (the stated relation holds between the first two objects). Null when the caption is not of the grammar.
 */
export function parseCaption(caption: string): Scene | null {
  const meaning = readCaption(caption);
  if (!meaning) return null;
  const n = meaning.objects.length;
  let cells = LIST_CELLS[n - 1];
  if (meaning.relation) {
    const pair = RELATION_CELLS[meaning.relation];
    cells = [...pair, THIRD_CELLS.find((c) => !pair.includes(c))!].slice(0, n);
  }
  return {
    objects: meaning.objects.map((o, k) => ({ color: o.color, shape: o.shape, size: o.size ?? 'large', cell: cells[k] })),
    relation: meaning.relation,
  };
}
