/**
 * Build of the Electron app: main process (+ each worker entry of WORKER_ENTRIES — parse, inference,
 * export, training — started as its own process), the sandboxed preload, and the Vue renderer.
 * `npx electron-vite build` writes out/main, out/preload and out/renderer; electron-builder
 * (build/electron-builder.yml) packages out/.
 */
import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import vue from '@vitejs/plugin-vue';

const root = import.meta.dirname;

/** Native addons cannot be bundled: they are loaded from node_modules (unpacked from the asar). */
const nativeModules = ['better-sqlite3', 'onnxruntime-node'];

export default defineConfig({
  main: {
    build: {
      // Every package.json dependency stays a runtime require from node_modules (the default); the
      // native ones are listed again so they stay external even if someone turns bundling on.
      externalizeDeps: true,
      rolldownOptions: {
        external: nativeModules,
        input: {
          // package.json "main" is out/main/index.js.
          index: resolve(root, 'src-main/electron/main.ts'),
          // Forked as a separate process (utilityProcess / child_process), so it must be a file of its own.
          parseWorkerMain: resolve(root, 'src-main/parsing/worker/parseWorkerMain.ts'),
          inferenceWorkerMain: resolve(root, 'src-main/inference/inferenceWorkerMain.ts'),
          exportWorkerMain: resolve(root, 'src-main/export/exportWorkerMain.ts'),
          trainWorkerMain: resolve(root, 'src-main/training/trainWorkerMain.ts'),
        },
        output: { entryFileNames: '[name].js' },
      },
    },
  },
  preload: {
    build: {
      rolldownOptions: {
        input: { preload: resolve(root, 'src-main/electron/preload.ts') },
        // Sandboxed preloads run as classic scripts with a tiny require shim: ESM is not supported,
        // so this one file is CommonJS (.cjs, because package.json says "type": "module").
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve(root, 'src-renderer'),
    plugins: [vue()],
    optimizeDeps: {
      // The dev server (not the production build) must pre-bundle the codec glue that cornerstone's
      // decode worker imports: without it NO image is drawn and NO error is shown. The ids are the
      // packages' export subpaths that @cornerstonejs/dicom-image-loader imports.
      // tests/e2e/devServer.e2e.test.ts draws a CT slice through the dev server to keep this honest.
      include: [
        '@cornerstonejs/codec-charls/decodewasmjs',
        '@cornerstonejs/codec-libjpeg-turbo-8bit/decodewasmjs',
        '@cornerstonejs/codec-openjpeg/decodewasmjs',
        '@cornerstonejs/codec-openjph/wasmjs',
        '@cornerstonejs/codec-libjxl/decodewasmjs',
        '@cornerstonejs/jpeg-lossless-decoder-js',
      ],
    },
    build: {
      outDir: resolve(root, 'out/renderer'),
      rolldownOptions: { input: resolve(root, 'src-renderer/index.html') },
    },
  },
});
