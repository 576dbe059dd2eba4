// A fresh headless Chromium per benchmark run (new profile, new processes), so no run inherits another's
// caches, compiled code or heap. Flags as in the e2e tests (tests/e2e/launchChromium.ts: software WebGL
// through SwiftShader, offline), plus ForceEagerMeasureMemory so measureUserAgentSpecificMemory answers
// at once instead of at the next natural GC.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type CDPSession, type Page } from 'playwright-core';
import { CHROMIUM_PATH } from '../../tests/e2e/launchChromium';
import { PROBE_SCRIPT } from './probe';
import { findChromiumPid } from './memory';

export interface BenchBrowser {
  context: BrowserContext;
  page: Page;
  cdp: CDPSession;
  pid: number;
  pageErrors: string[];
  close(): Promise<void>;
}

export async function launchBenchBrowser(): Promise<BenchBrowser> {
  const profile = mkdtempSync(path.join(os.tmpdir(), 'qoq-bench-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM_PATH,
    viewport: { width: 1400, height: 1000 },
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--enable-unsafe-swiftshader',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--enable-blink-features=ForceEagerMeasureMemory',
    ],
  });
  await context.addInitScript({ content: PROBE_SCRIPT });
  const page = context.pages()[0] ?? (await context.newPage());
  const pageErrors: string[] = [];
  page.on('pageerror', (err) => pageErrors.push(err.message));
  const cdp = await context.newCDPSession(page);
  return {
    context,
    page,
    cdp,
    pid: findChromiumPid(),
    pageErrors,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
