import { describe, expect, it } from 'vitest';
import { Rng } from '../../src/common/random.js';
import {
  MAX_TOKENS,
  MIN_TOKENS,
  RELATIONS,
  VOCABULARY,
  type Relation,
  type Scene,
  describeScene,
  parseCaption,
  readCaption,
  referenceCaptions,
  sampleScene,
} from '../../src/scenes/index.js';

/** The relation's meaning on the 3x3 grid, written out here apart from the library's. */
function holds(relation: Relation, a: number, b: number): boolean {
  const [ra, ca, rb, cb] = [Math.floor(a / 3), a % 3, Math.floor(b / 3), b % 3];
  if (relation === 'left of') return ra === rb && ca < cb;
  if (relation === 'right of') return ra === rb && ca > cb;
  if (relation === 'above') return ca === cb && ra < rb;
  if (relation === 'below') return ca === cb && ra > rb;
  return Math.abs(ra - rb) + Math.abs(ca - cb) === 1;
}

/** Whether the caption, read back, is true of the scene: the same objects, sizes where mentioned, a relation that holds. */
function trueOf(caption: string, scene: Scene): boolean {
  const m = readCaption(caption);
  if (!m || m.objects.length !== scene.objects.length) return false;
  const found = m.objects.map((c) => scene.objects.find((o) => o.color === c.color && o.shape === c.shape && (c.size === null || c.size === o.size)));
  if (found.some((o) => !o) || new Set(found).size !== found.length) return false;
  return m.relation === null || holds(m.relation, found[0]!.cell, found[1]!.cell);
}

const scenes = (seed: number, n: number, o = {}): Scene[] => {
  const rng = new Rng(seed);
  return Array.from({ length: n }, () => sampleScene(rng, o));
};

describe('captions', () => {
  it('use only the vocabulary, single spaces, 3-14 tokens, and are true of their scene', () => {
    const rng = new Rng(11);
    const used = new Set<string>();
    const wrong: string[] = [];
    const vocabulary = new Set(VOCABULARY);
    for (const scene of scenes(1, 2000, { allowHeldout: true })) {
      for (const caption of referenceCaptions(scene, rng, 5)) {
        const tokens = caption.split(' ');
        tokens.forEach((t) => used.add(t));
        const ok =
          /^[a-z]+( [a-z]+)*$/.test(caption) &&
          tokens.length >= MIN_TOKENS &&
          tokens.length <= MAX_TOKENS &&
          tokens.every((t) => vocabulary.has(t)) &&
          trueOf(caption, scene);
        if (!ok) wrong.push(`${caption} of ${JSON.stringify(scene)}`);
      }
    }
    expect(wrong).toEqual([]);
    expect([...used].sort()).toEqual([...VOCABULARY].sort());
    expect(VOCABULARY.length).toBeGreaterThanOrEqual(30);
    expect(VOCABULARY.length).toBeLessThanOrEqual(45);
  });

  it('give five distinct references per scene and state relations often, in both directions', () => {
    const rng = new Rng(12);
    const stated = new Map<string, number>();
    for (const scene of scenes(2, 500)) {
      const refs = referenceCaptions(scene, rng, 5);
      expect(new Set(refs).size).toBe(5);
      for (const r of refs) {
        const rel = readCaption(r)!.relation;
        if (rel) stated.set(rel, (stated.get(rel) ?? 0) + 1);
      }
    }
    for (const r of RELATIONS) expect(stated.get(r) ?? 0).toBeGreaterThan(30);
  });

  it('are the same for the same stream', () => {
    const [scene] = scenes(3, 1);
    expect(referenceCaptions(scene, new Rng(9), 5)).toEqual(referenceCaptions(scene, new Rng(9), 5));
    expect(describeScene(scene, new Rng(9))).toBe(referenceCaptions(scene, new Rng(9), 1)[0]);
  });

  it('catch a false caption: the checker can fail', () => {
    const scene: Scene = {
      objects: [
        { shape: 'circle', color: 'red', size: 'small', cell: 1 },
        { shape: 'square', color: 'blue', size: 'large', cell: 7 },
      ],
      relation: 'above',
    };
    expect(trueOf('a small red circle above a blue square', scene)).toBe(true);
    expect(trueOf('a blue square below a red circle', scene)).toBe(true);
    expect(trueOf('a red circle below a blue square', scene)).toBe(false);
    expect(trueOf('a large red circle and a blue square', scene)).toBe(false);
    expect(trueOf('a red circle left of a blue square', scene)).toBe(false);
    expect(trueOf('there is a red circle', scene)).toBe(false);
  });
});

describe('readCaption and parseCaption', () => {
  it('read the examples of the method note', () => {
    expect(readCaption('a small red circle above a blue square')).toEqual({
      objects: [
        { color: 'red', shape: 'circle', size: 'small' },
        { color: 'blue', shape: 'square', size: null },
      ],
      relation: 'above',
    });
    expect(readCaption('there is a red circle and a blue square')?.relation).toBeNull();
    expect(readCaption('two objects a red circle and a blue square')?.objects).toHaveLength(2);
    expect(readCaption('there are three shapes a red circle a green bar and a blue square')?.objects).toHaveLength(3);
    expect(readCaption('a single large white cross')?.objects).toEqual([{ color: 'white', shape: 'cross', size: 'large' }]);
  });

  it.each([
    'a red',
    'red circle',
    'a circle',
    'a red circle above',
    'two objects a red circle',
    'there are one object a red circle',
    'a single red circle and a blue square',
    'a red circle and a red circle',
    'a red circle a blue square a green bar and a white cross',
    'a red circle above a blue square above a green bar',
    'a purple elephant',
    '',
  ])('reject %j', (caption) => {
    expect(readCaption(caption)).toBeNull();
    expect(parseCaption(caption)).toBeNull();
  });

  it('give a scene that every caption of the original is true of, up to unmentioned sizes', () => {
    const rng = new Rng(13);
    const wrong: string[] = [];
    for (const scene of scenes(4, 1000, { allowHeldout: true })) {
      for (const caption of referenceCaptions(scene, rng, 5)) {
        const parsed = parseCaption(caption)!;
        const cells = parsed.objects.map((o) => o.cell);
        const named = (s: Scene): string => s.objects.map((o) => `${o.color} ${o.shape}`).sort().join();
        // without a relation the canonical cells satisfy none, so the rendered image says no more than the caption
        const unrelated = parsed.objects.length < 2 || RELATIONS.every((r) => !holds(r, cells[0], cells[1]));
        const ok = trueOf(caption, parsed) && new Set(cells).size === cells.length && named(parsed) === named(scene) && (parsed.relation !== null || unrelated);
        if (!ok) wrong.push(`${caption} -> ${JSON.stringify(parsed)}`);
      }
    }
    expect(wrong).toEqual([]);
  });
});
