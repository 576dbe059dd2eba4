import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The checkout's root folder (src-main/cli → ../..). */
export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
