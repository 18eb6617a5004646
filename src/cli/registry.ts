import { augmentCommand } from '../commands/augment.js';
import { augmentClrsCommand } from '../commands/augment-clrs.js';
import { captionCommand } from '../commands/caption.js';
import { clrsCommand } from '../commands/clrs.js';
import { concatCommand } from '../commands/concat.js';
import { discoverCausalCommand } from '../commands/discover-causal.js';
import { embedCommand } from '../commands/embed.js';
import { embedImagesCommand } from '../commands/embed-images.js';
import { evalCommand } from '../commands/eval.js';
import { generateCaptionsCommand } from '../commands/generate-captions.js';
import { importCommand } from '../commands/import.js';
import { infoCommand } from '../commands/info.js';
import { makePairsCommand } from '../commands/make-pairs.js';
import { makeScenesCommand } from '../commands/make-scenes.js';
import { pseudoLabelCommand } from '../commands/pseudo-label.js';
import { synthCommand } from '../commands/synth.js';
import { synthEmbeddingsCommand } from '../commands/synth-embeddings.js';
import { trainCommand } from '../commands/train.js';
import { trainVlmCommand } from '../commands/train-vlm.js';
import type { CommandSpec } from './command.js';

/** Every subcommand, in the order `causal --help` lists them. */
export const COMMANDS: readonly CommandSpec[] = [
  importCommand,
  makePairsCommand,
  makeScenesCommand,
  generateCaptionsCommand,
  discoverCausalCommand,
  trainCommand,
  trainVlmCommand,
  captionCommand,
  evalCommand,
  embedCommand,
  embedImagesCommand,
  synthEmbeddingsCommand,
  synthCommand,
  augmentCommand,
  pseudoLabelCommand,
  clrsCommand,
  augmentClrsCommand,
  concatCommand,
  infoCommand,
];
