import type { Command } from 'commander';
import { register as registerGenerate } from './generate.js';
import { register as registerEvaluate } from './evaluate.js';
import { register as registerRun } from './run.js';
import { register as registerCheck } from './check.js';
import { register as registerReproduce } from './reproduce.js';
import { register as registerSweep } from './sweep.js';
import { register as registerMerge } from './merge.js';
import { register as registerGame } from './game.js';

/** Every command module registers itself on the program; the list order is the help order. */
export const commands: Array<(program: Command) => void> = [
  registerGenerate,
  registerEvaluate,
  registerRun,
  registerCheck,
  registerReproduce,
  registerSweep,
  registerMerge,
  registerGame,
];
