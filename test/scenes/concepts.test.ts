import { describe, expect, it } from 'vitest';
import { Rng } from '../../src/common/random.js';
import { UsageError } from '../../src/common/errors.js';
import { CONCEPTS, MAX_TOKENS, RELATIONS, type Relation, type Scene, describeScene, isHeldout, readCaption, relationHolds, sceneForConcept } from '../../src/scenes/index.js';

/** Whether the scene shows the concept, judged from its attributes. */
function contains(scene: Scene, concept: string): boolean {
  const words = concept.split(' ');
  const n = scene.objects.length;
  if (['one object', 'two objects', 'three objects'].includes(concept)) return n === ['one', 'two', 'three'].indexOf(words[0]) + 1;
  if ((RELATIONS as readonly string[]).includes(concept)) {
    return scene.relation === concept && relationHolds(concept as Relation, scene.objects[0].cell, scene.objects[1].cell);
  }
  if (words.length === 2) return scene.objects.some((o) => o.color === words[0] && o.shape === words[1]);
  return scene.objects.some((o) => o.color === concept || o.shape === concept || o.size === concept);
}

describe('concepts', () => {
  it('list colours, shapes, sizes, the 35 pairs, relations and counts', () => {
    expect(CONCEPTS).toHaveLength(7 + 5 + 2 + 35 + 5 + 3);
    expect(new Set(CONCEPTS).size).toBe(CONCEPTS.length);
    expect(CONCEPTS).toEqual(expect.arrayContaining(['red', 'bar', 'small', 'cyan cross', 'next to', 'two objects']));
  });

  it('sceneForConcept gives scenes that contain the concept', () => {
    const rng = new Rng(1);
    const wrong: string[] = [];
    for (const concept of CONCEPTS) {
      for (let t = 0; t < 30; t++) {
        const scene = sceneForConcept(concept, rng, { allowHeldout: true });
        if (!contains(scene, concept)) wrong.push(`${concept}: ${JSON.stringify(scene)}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('describeScene mentions the concept word for word when asked, and only if the scene has it', () => {
    const rng = new Rng(4);
    const wrong: string[] = [];
    for (const concept of CONCEPTS) {
      for (let t = 0; t < 30; t++) {
        const scene = sceneForConcept(concept, rng, { allowHeldout: true });
        const caption = describeScene(scene, rng, { mention: concept });
        if (!` ${caption} `.includes(` ${concept} `) || !readCaption(caption) || caption.split(' ').length > MAX_TOKENS) wrong.push(`${concept}: ${caption}`);
      }
    }
    expect(wrong).toEqual([]);
    const scene: Scene = { objects: [{ shape: 'bar', color: 'red', size: 'small', cell: 0 }], relation: null };
    for (const absent of ['blue', 'large', 'above', 'two objects']) expect(() => describeScene(scene, rng, { mention: absent })).toThrow(/has no/);
  });

  it('keeps held-out pairs out unless allowed', () => {
    const rng = new Rng(2);
    for (const concept of ['red', 'triangle', 'large', 'above', 'three objects']) {
      for (let t = 0; t < 50; t++) {
        expect(sceneForConcept(concept, rng).objects.some((o) => isHeldout(o.color, o.shape))).toBe(false);
      }
    }
    expect(() => sceneForConcept('red triangle', rng)).toThrow(/held-out combination/);
    expect(sceneForConcept('red triangle', rng, { allowHeldout: true }).objects.some((o) => o.color === 'red' && o.shape === 'triangle')).toBe(true);
  });

  it('refuses an unknown concept with a UsageError', () => {
    expect(() => sceneForConcept('red elephant', new Rng(3))).toThrow(UsageError);
    expect(() => sceneForConcept('red circle above', new Rng(3))).toThrow(/unknown concept 'red circle above'/);
  });
});
