import { UsageError } from '../common/errors.js';
import { rngFor } from '../common/random.js';
import { CONCEPTS, COLORS, SHAPES, describeScene, isHeldout, sceneForConcept } from '../scenes/index.js';
import type { BackendCounters, CaptionBackend, CaptionRequest, CaptionResult } from './backend.js';

/**
 * The stand-in for the language model on the scene world. Asked about a concept, it does what the LLM is asked to
 * do (describe a plausible image containing the concept, as an annotator would, naming the concept) by drawing a
 * scene that contains the concept and phrasing one caption of it with the scene grammar, the concept word for word. Unlike an LLM it knows the scene it meant,
 * which fills the attribute columns, so an oracle can render the true image of each caption.
 *
 * By default it may describe held-out (colour, shape) pairs, because the LLM in Synth² knows concepts absent from
 * the human-annotated data; `allowHeldout: false` forbids them.
 */
export class OfflineCaptionBackend implements CaptionBackend {
  private requests = 0;

  constructor(private readonly o: { readonly seed: number; readonly allowHeldout: boolean }) {}

  counters(): BackendCounters {
    return { requests: this.requests, retries: {} };
  }

  async caption(req: CaptionRequest): Promise<CaptionResult> {
    this.requests++;
    const rng = rngFor(this.o.seed, `caption ${req.index} ${req.attempt}`);
    const scene = sceneForConcept(req.concept, rng, { allowHeldout: this.o.allowHeldout });
    return { caption: describeScene(scene, rng, { mention: req.concept }), scene };
  }
}

/** The scene world's concepts this backend can be prompted with: all of them, or without the held-out pairs. */
export function offlineConcepts(allowHeldout: boolean): string[] {
  return CONCEPTS.filter((c) => allowHeldout || !heldoutPair(c));
}

/** Checks a concept list before any row is generated, so a typo fails at once rather than at its first row. */
export function checkOfflineConcepts(concepts: readonly string[], allowHeldout: boolean, flag: string): void {
  for (const c of concepts) {
    if (!CONCEPTS.includes(c)) {
      throw new UsageError(`${flag}: '${c}' is not a concept of the scene world (colours, shapes, sizes, '<colour> <shape>', relations, 'two objects'...; docs/scenes.md)`);
    }
    if (!allowHeldout && heldoutPair(c)) throw new UsageError(`${flag}: '${c}' is a held-out pair, which --no-heldout forbids`);
  }
}

function heldoutPair(concept: string): boolean {
  const [color, shape, extra] = concept.split(' ');
  const has = (values: readonly string[], v: string | undefined): boolean => v !== undefined && values.includes(v);
  return extra === undefined && has(COLORS, color) && has(SHAPES, shape) && isHeldout(color as (typeof COLORS)[number], shape as (typeof SHAPES)[number]);
}
