import type { Command } from '../command.ts';
import { exportCommand } from './export.ts';
import { generateCommand } from './generate.ts';
import { harvestCommand } from './harvest.ts';
import { ingestCommand } from './ingest.ts';
import { parseCommand } from './parse.ts';
import { publishCommand } from './publish.ts';
import { reviewCommand } from './review.ts';
import { serveCommand } from './serve.ts';
import { startCommand } from './start.ts';

/** Every `paragraf` subcommand, in the order `--help` lists them. Adding a command is one line here. */
export const COMMANDS: readonly Command[] = [parseCommand, ingestCommand, harvestCommand, reviewCommand, publishCommand, exportCommand, generateCommand, serveCommand, startCommand];
