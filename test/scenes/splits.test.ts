import { describe, expect, it } from 'vitest';
import { Rng } from '../../src/common/random.js';
import { COLORS, HELDOUT_PAIRS, RELATIONS, SHAPES, SPLITS, type Scene, relationHolds, sampleScene, sceneAt } from '../../src/scenes/index.js';

const heldout = new Set(HELDOUT_PAIRS.map(([c, s]) => `${c} ${s}`));
const pairsOf = (s: Scene): string[] => s.objects.map((o) => `${o.color} ${o.shape}`);

function wellFormed(s: Scene): boolean {
  const cells = s.objects.map((o) => o.cell);
  const pairs = pairsOf(s);
  return (
    s.objects.length >= 1 &&
    s.objects.length <= 3 &&
    cells.every((c) => Number.isInteger(c) && c >= 0 && c < 9) &&
    new Set(cells).size === cells.length &&
    new Set(pairs).size === pairs.length &&
    (s.relation === null || (s.objects.length >= 2 && relationHolds(s.relation, cells[0], cells[1])))
  );
}

describe('held-out pairs', () => {
  it('are 7 of the 35 pairs, every colour once, every shape at least once', () => {
    expect(heldout.size).toBe(7);
    expect(new Set(HELDOUT_PAIRS.map(([c]) => c)).size).toBe(COLORS.length);
    expect(new Set(HELDOUT_PAIRS.map(([, s]) => s)).size).toBe(SHAPES.length);
  });
});

describe('splits', () => {
  const draw = (split: (typeof SPLITS)[number], n: number): Scene[] => Array.from({ length: n }, (_, i) => sceneAt(split, 0, i).scene);

  it('train and test never hold a held-out pair, yet cover every other pair, colour, shape, size and relation', () => {
    for (const split of ['train', 'test'] as const) {
      const scenes = draw(split, 1500);
      expect(scenes.every(wellFormed)).toBe(true);
      const seen = new Set(scenes.flatMap(pairsOf));
      expect([...seen].filter((p) => heldout.has(p))).toEqual([]);
      expect(seen.size).toBe(35 - 7);
      expect(new Set(scenes.flatMap((s) => s.objects.map((o) => o.size))).size).toBe(2);
      expect(new Set(scenes.map((s) => s.relation).filter((r) => r !== null)).size).toBe(RELATIONS.length);
      expect(new Set(scenes.map((s) => s.objects.length))).toEqual(new Set([1, 2, 3]));
    }
  });

  it('heldout scenes each hold at least one held-out pair, and all seven appear', () => {
    const scenes = draw('heldout', 500);
    expect(scenes.every(wellFormed)).toBe(true);
    expect(scenes.every((s) => pairsOf(s).some((p) => heldout.has(p)))).toBe(true);
    expect(new Set(scenes.flatMap(pairsOf).filter((p) => heldout.has(p))).size).toBe(7);
  });

  it('draw scene i from its own stream: same seed same row, other seed or split another', () => {
    const a = sceneAt('train', 7, 42);
    const b = sceneAt('train', 7, 42);
    expect(b.scene).toEqual(a.scene);
    expect(b.image).toEqual(a.image);
    expect(b.captions).toEqual(a.captions);
    expect(a.id).toBe('train-000042');
    expect(sceneAt('train', 8, 42).image).not.toEqual(a.image);
    expect(sceneAt('test', 7, 42).image).not.toEqual(a.image);
  });

  it('sampleScene follows the stream it is given', () => {
    expect(sampleScene(new Rng(3))).toEqual(sampleScene(new Rng(3)));
  });
});
