/**
 * The store folder every command uses unless given --data: ingest writes there, publish and export read and write
 * there, serve and start serve it. Kept apart from the commands so that a command that only needs the folder does
 * not load another command's dependencies (serve never loads the PDF reader ingest needs).
 */
export const DEFAULT_DATA_DIR = 'data/store';
