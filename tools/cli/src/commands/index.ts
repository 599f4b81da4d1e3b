import type { Command } from 'commander';

/** Every command module registers itself on the program; the list order is the help order. */
export const commands: Array<(program: Command) => void> = [];
