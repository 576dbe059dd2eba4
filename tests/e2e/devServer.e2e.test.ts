// End to end through the Vite DEV server (what `electron-vite dev` serves to the renderer), not the
// production bundle: the renderer config is resolved from electron.vite.config.ts exactly as
// electron-vite does it, served by vite.createServer with a fresh dependency cache, and /api and the
// pixel route are proxied to a loopback browser host over a temporary store holding a real CT series.
// A dev server that cannot pre-bundle cornerstone's codec glue draws NO image and shows NO error, so
// this checks the pixels themselves, plus that the decode worker starts and nothing fails on the way.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { resolveConfig } from 'electron-vite';
import type { Page, Worker } from 'playwright-core';
import { createServer, mergeConfig, type ViteDevServer } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { INSTANCE_FILE_PREFIX } from '../../src-main/electron/instanceFileRoute';
import { startBrowserHost, type BrowserHost } from '../../src-main/host/browserHost';
import { createWorkstationService, type WorkstationService } from '../../src-main/services/createWorkstationService';
import { repoRoot, sharedData } from '../helpers/sharedData';
import { makeTempDir } from '../helpers/tempDir';
import { canvasStats } from './canvasPixels';
import { launchChromium } from './launchChromium';

const screenshots = path.join(repoRoot, 'test-results', 'e2e');
const CT_SERIES = sharedData('ct', 'series_philips_ingenuity_phantom_brain5mm');
/** One image per codec the decode worker loads lazily (its .wasm fetched by URL from the dev server). */
const COMPRESSED: Record<string, string> = {
  'JPEG baseline (libjpeg-turbo)': 'SC_rgb_jpeg_dcmtk.dcm',
  'JPEG-LS (CharLS)': 'JPEGLSNearLossless_08.dcm',
  'JPEG 2000 (OpenJPEG)': 'JPEG2000.dcm',
  'HTJ2K (OpenJPH)': 'HTJ2K_08_RGB.dcm',
  'JPEG lossless (jpeg-lossless-decoder-js)': 'JPEG-LL.dcm',
};

let tmp: ReturnType<typeof makeTempDir>;
let service: WorkstationService;
let host: BrowserHost;
let dev: ViteDevServer;
let devUrl: string;
let chromium: Awaited<ReturnType<typeof launchChromium>>;
let page: Page;
const problems: string[] = [];
const workers: Worker[] = [];

/** The renderer's Vite config as `electron-vite dev` builds it, plus what a test needs. */
async function rendererDevConfig(cacheDir: string, api: BrowserHost) {
  const nodeEnv = process.env.NODE_ENV;
  // resolveConfig sets NODE_ENV for the process (as the CLI would); give vitest's back.
  const resolved = await resolveConfig({ root: repoRoot, logLevel: 'warn' }, 'serve', 'development');
  process.env.NODE_ENV = nodeEnv;
  const renderer = resolved.config?.renderer;
  if (!renderer) throw new Error('electron.vite.config.ts has no renderer config');
  // The browser host answers only our own origin and wants its token: the proxy presents both, as the
  // page would if the host served it.
  const toHost = {
    target: api.origin,
    changeOrigin: true,
    headers: { origin: api.origin, authorization: `Bearer ${api.token}` },
  };
  return mergeConfig(renderer, {
    configFile: false,
    logLevel: 'warn',
    // A fresh dependency cache: the dev server pre-bundles from scratch, as on a new checkout.
    cacheDir,
    server: {
      host: '127.0.0.1',
      port: 0,
      strictPort: false,
      proxy: { '/api': toHost, [INSTANCE_FILE_PREFIX.replace(/\/$/, '')]: toHost },
    },
  });
}

beforeAll(async () => {
  mkdirSync(screenshots, { recursive: true });
  tmp = makeTempDir('e2e-dev');
  service = createWorkstationService({ dataDir: path.join(tmp.dir, 'data'), actor: 'e2e', workers: 1 });
  const report = await service.api.importPaths({
    paths: [CT_SERIES, ...Object.values(COMPRESSED).map((f) => sharedData('compressed', f))],
  });
  expect(report.rejected).toEqual([]);
  // The host's own static files are not used: the page comes from the dev server.
  host = await startBrowserHost({ service, rendererDir: path.join(tmp.dir, 'no-renderer') });
  dev = await createServer(await rendererDevConfig(path.join(tmp.dir, 'vite-cache'), host));
  await dev.listen();
  devUrl = dev.resolvedUrls?.local[0] ?? '';
  expect(devUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
  chromium = await launchChromium();
  page = chromium.context.pages()[0] ?? (await chromium.context.newPage());
  page.on('pageerror', (err) => problems.push(`pageerror: ${err.message}`));
  page.on('console', (msg) => {
    // Chromium asks for /favicon.ico on its own; the app has none (in the production host neither).
    if (msg.type() === 'error' && !/\/favicon\.ico$/.test(msg.location().url)) {
      problems.push(`console: ${msg.text()} (${msg.location().url})`);
    }
  });
  page.on('requestfailed', (req) => problems.push(`requestfailed: ${req.url()} ${req.failure()?.errorText ?? ''}`));
  page.on('response', (res) => {
    if (res.status() >= 400) problems.push(`HTTP ${res.status()}: ${res.url()}`);
  });
  page.on('worker', (worker) => {
    workers.push(worker);
    worker.on('console', (msg) => {
      if (msg.type() === 'error') problems.push(`worker console: ${msg.text()}`);
    });
  });
}, 120_000);

afterAll(async () => {
  await chromium?.close();
  await dev?.close();
  await host?.close();
  await service?.close();
  tmp?.cleanup();
});

describe('renderer through the Vite dev server', () => {
  it('serves the app from the sources (not the bundle) and lists the study through the proxied API', async () => {
    await page.goto(devUrl);
    // Served by Vite's dev middleware: the entry is the TypeScript source, the HMR client is injected.
    expect(await page.locator('script[src="/@vite/client"]').count()).toBe(1);
    expect(await page.locator('script[src="/src/main.ts"]').count()).toBe(1);
    await expect.poll(() => page.locator('.list li', { hasText: 'CT' }).count(), { timeout: 30_000 }).toBeGreaterThan(0);
    expect(problems).toEqual([]);
  });

  it('draws a CT slice: the decode worker and codecs load in the dev server', async () => {
    await page.locator('.list li', { hasText: 'CT' }).first().click();
    await expect.poll(() => page.getByTestId('slice-info').innerText(), { timeout: 30_000 }).toMatch(/^Im 1\/28\b/);
    await expect.poll(async () => (await canvasStats(page)).nonBlank, { timeout: 20_000 }).toBeGreaterThan(5_000);
    const stats = await canvasStats(page);
    expect(stats.width).toBeGreaterThan(300);
    // The pixels were decoded in cornerstone's module worker, served (and pre-bundled) by the dev server.
    const decodeWorker = workers.find((w) => /decodeImageFrameWorker/.test(w.url()));
    expect(decodeWorker?.url(), workers.map((w) => w.url()).join(', ')).toMatch(/^http:\/\/127\.0\.0\.1:\d+\//);
    await page.screenshot({ path: path.join(screenshots, 'dev-server-ct-first-slice.png') });
    expect(problems).toEqual([]);
  });

  it('decodes every compressed transfer syntax through the dev server', async () => {
    // The compressed files land in 4 studies (JPEG 2000 and JPEG lossless share one NM series).
    const items = page.locator('.list li');
    await expect.poll(() => items.count()).toBe(5);
    const drawn: string[] = [];
    for (let i = 0; i < 5; i++) {
      const item = items.nth(i);
      if (/\bCT\b/.test(await item.innerText())) continue;
      await item.click();
      await expect.poll(() => page.getByTestId('slice-info').innerText(), { timeout: 20_000 }).toMatch(/^Im 1\/\d+\b/);
      const count = Number(/^Im 1\/(\d+)/.exec(await page.getByTestId('slice-info').innerText())?.[1]);
      for (let k = 1; k <= count; k++) {
        if (k > 1) {
          await page.getByTestId('viewport').hover();
          await page.mouse.wheel(0, 100);
          await expect.poll(() => page.getByTestId('slice-info').innerText()).toMatch(new RegExp(`^Im ${k}/`));
        }
        await expect.poll(async () => (await canvasStats(page)).nonBlank, { timeout: 20_000 }).toBeGreaterThan(1_000);
        drawn.push(await page.getByTestId('slice-info').innerText());
        await page.screenshot({ path: path.join(screenshots, `dev-server-compressed-${drawn.length}.png`) });
      }
    }
    expect(drawn).toHaveLength(Object.keys(COMPRESSED).length);
    expect(problems).toEqual([]);
  });
});
