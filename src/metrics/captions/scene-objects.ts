/**
 * What a caption gets right about a scene of the scene world (docs/scenes.md), by meaning rather than by words: the
 * candidate and a reference are read back with the scene grammar (`readCaption`) and their objects compared as
 * multisets. This is the attribute check the Synth² note asks for to tell whether generated images show what their
 * captions say (§6.4 H4): a captioner trained on plenty of real scenes reads the generated images, and its captions
 * are scored against the prompts. CIDEr-D cannot say which attribute was missed.
 *
 * Recalls are summed over the set: matched reference objects over all reference objects. Sizes are left out (a
 * caption may omit them) and so are relations (most captions have none).
 */
import { DataError } from '../../common/errors.js';
import { readCaption, type CaptionMeaning, type CaptionObject } from '../../scenes/parse.js';

export interface SceneObjectScores {
  /** Share of candidates that are sentences of the scene grammar; the others match nothing. */
  parsed: number;
  /** Share of candidates naming as many objects as the reference. */
  count: number;
  /** Reference objects whose colour, shape, or (colour, shape) pair the candidate names, over all reference objects. */
  colour: number;
  shape: number;
  pair: number;
  /** Share of candidates whose (colour, shape) pairs are exactly the reference's. */
  exact: number;
  /** Each row's share of its reference objects named with the right colour and shape. */
  perImage: number[];
}

/** How many of `want` the multiset `got` holds. */
function matched(want: readonly string[], got: readonly string[]): number {
  const left = [...got];
  let hits = 0;
  for (const w of want) {
    const k = left.indexOf(w);
    if (k < 0) continue;
    left.splice(k, 1);
    hits++;
  }
  return hits;
}

const pairOf = (o: CaptionObject): string => `${o.color} ${o.shape}`;

/**
 * Scores candidates[i] against the scene its references describe (the first reference the grammar reads; all five
 * references of a scene name the same objects). `where(i)` names row i in errors.
 */
export function sceneObjects(candidates: readonly string[], references: readonly (readonly string[])[], where: (i: number) => string): SceneObjectScores {
  let parsed = 0;
  let count = 0;
  let exact = 0;
  let objects = 0;
  const hits = { colour: 0, shape: 0, pair: 0 };
  const perImage = candidates.map((candidate, i) => {
    let truth: CaptionMeaning | null = null;
    for (const reference of references[i]) {
      truth = readCaption(reference);
      if (truth) break;
    }
    if (!truth) throw new DataError(`${where(i)}: no reference caption is a sentence of the scene grammar; --metric objects scores scene-world captions (docs/scenes.md)`);
    const want = truth.objects;
    objects += want.length;
    const got = readCaption(candidate)?.objects;
    if (!got) return 0;
    parsed++;
    if (got.length === want.length) count++;
    hits.colour += matched(want.map((o) => o.color), got.map((o) => o.color));
    hits.shape += matched(want.map((o) => o.shape), got.map((o) => o.shape));
    const pairs = matched(want.map(pairOf), got.map(pairOf));
    hits.pair += pairs;
    if (pairs === want.length && got.length === want.length) exact++;
    return pairs / want.length;
  });
  const n = candidates.length;
  return { parsed: parsed / n, count: count / n, colour: hits.colour / objects, shape: hits.shape / objects, pair: hits.pair / objects, exact: exact / n, perImage };
}
