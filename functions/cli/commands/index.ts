import type { Command } from '../command.ts';
import { ingestCommand } from './ingest.ts';
import { parseCommand } from './parse.ts';

/** Every `paragraf` subcommand, in the order `--help` lists them. Adding a command is one line here. */
export const COMMANDS: readonly Command[] = [parseCommand, ingestCommand];
