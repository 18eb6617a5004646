/** The scene world of the Synth² miniature: sampling, rendering, captions and their parser, concepts, splits, columns (docs/scenes.md). */
export {
  CELLS,
  COLORS,
  GRID,
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
  inverseRelation,
  isHeldout,
  relationHolds,
  sceneHasHeldout,
} from './world.js';
export { type SampleOptions, sampleScene } from './sample.js';
export { IMAGE_SIZE, PALETTE, SCENE_IMAGE_SHAPE, renderScene } from './render.js';
export { MAX_TOKENS, MIN_TOKENS, VOCABULARY, describeScene, referenceCaptions } from './captions.js';
export { type CaptionMeaning, type CaptionObject, parseCaption, readCaption } from './parse.js';
export { CONCEPTS, sceneForConcept } from './concepts.js';
export { REFERENCES, SPLITS, type SceneRow, type SplitName, sceneAt } from './splits.js';
export {
  ATTRIBUTE_COLUMNS,
  type SceneColumns,
  attributeData,
  attributeFields,
  captionsData,
  sceneColumns,
  sceneFromColumns,
  sceneOfRow,
  sceneTableFields,
} from './arrow.js';
