/**
 * Where the built pieces sit: electron-vite writes out/main, out/preload and out/renderer, and
 * electron-builder packs out/ unchanged into app.asar. Resolved from the app root (the folder of
 * package.json, or app.asar) rather than import.meta.url, which would move if the bundler put this
 * code into a shared chunk under out/main/chunks/.
 */
import path from 'node:path';
import { app } from 'electron';

export function bundlePaths(): { rendererDir: string; preloadPath: string } {
  const out = path.join(app.getAppPath(), 'out');
  return {
    rendererDir: path.join(out, 'renderer'),
    preloadPath: path.join(out, 'preload', 'preload.cjs'),
  };
}
