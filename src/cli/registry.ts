import { augmentCommand } from '../commands/augment.js';
import { augmentClrsCommand } from '../commands/augment-clrs.js';
import { clrsCommand } from '../commands/clrs.js';
import { concatCommand } from '../commands/concat.js';
import { discoverCausalCommand } from '../commands/discover-causal.js';
import { embedCommand } from '../commands/embed.js';
import { evalCommand } from '../commands/eval.js';
import { importCommand } from '../commands/import.js';
import { infoCommand } from '../commands/info.js';
import { makePairsCommand } from '../commands/make-pairs.js';
import { pseudoLabelCommand } from '../commands/pseudo-label.js';
import { trainCommand } from '../commands/train.js';
import type { CommandSpec } from './command.js';

/** Every subcommand, in the order `causal --help` lists them. */
export const COMMANDS: readonly CommandSpec[] = [
  importCommand,
  makePairsCommand,
  discoverCausalCommand,
  trainCommand,
  evalCommand,
  embedCommand,
  augmentCommand,
  pseudoLabelCommand,
  clrsCommand,
  augmentClrsCommand,
  concatCommand,
  infoCommand,
];
