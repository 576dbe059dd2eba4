// A fresh headless Chromium per benchmark run (new profile, new processes), so no run inherits another's
// caches, compiled code or heap. Flags as in the e2e tests (tests/e2e/launchChromium.ts: software WebGL
// through SwiftShader, offline), plus ForceEagerMeasureMemory so measureUserAgentSpecificMemory answers
// at once instead of at the next natural GC.
import type { BrowserContext, CDPSession, Page } from 'playwright-core';
import { launchChromium } from '../../tests/e2e/launchChromium';
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
  // Same flags as the e2e tests; eager memory measurement so measureUserAgentSpecificMemory answers now.
  const { context, close } = await launchChromium(['--enable-blink-features=ForceEagerMeasureMemory']);
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
    close,
  };
}
