// The common set-up of the browser tests: a temporary store with some studies imported, the loopback
// browser host serving the BUILT renderer over it, and Chromium on the launch URL.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import type { ImportReport } from '../../src-main/contract/schemas';
import { startBrowserHost, type BrowserHost } from '../../src-main/host/browserHost';
import type { UploadLimits } from '../../src-shared/upload/uploadLimits';
import { createWorkstationService, type WorkstationService, type WorkstationServiceOptions } from '../../src-main/services/createWorkstationService';
import { repoRoot } from '../helpers/sharedData';
import { makeTempDir } from '../helpers/tempDir';
import { ensureRendererBuilt, rendererDir } from './ensureRendererBuilt';
import { launchChromium } from './launchChromium';

export const screenshotsDir = path.join(repoRoot, 'test-results', 'e2e');

export interface OpenWorkstation {
  tmpDir: string;
  service: WorkstationService;
  host: BrowserHost;
  page: Page;
  /** Uncaught page errors seen so far (tests assert it stays empty). */
  pageErrors: string[];
  importReport: ImportReport;
  close(): Promise<void>;
}

export async function openWorkstation(opts: {
  name: string;
  paths: string[];
  /** Runs before the service opens, e.g. to place model packages in `<dataDir>/models`. */
  prepare?: (dataDir: string, tmpDir: string) => Promise<void>;
  service?: (tmpDir: string) => Partial<WorkstationServiceOptions>;
  /** Caps of the host's upload route (tests lower them to see a drop go up in parts). */
  uploadLimits?: Partial<UploadLimits>;
}): Promise<OpenWorkstation> {
  ensureRendererBuilt();
  mkdirSync(screenshotsDir, { recursive: true });
  const tmp = makeTempDir(`e2e-${opts.name}`);
  const dataDir = path.join(tmp.dir, 'data');
  await opts.prepare?.(dataDir, tmp.dir);
  const service = createWorkstationService({ dataDir, actor: 'e2e', workers: 1, ...opts.service?.(tmp.dir) });
  const importReport = await service.api.importPaths({ paths: opts.paths });
  expect(importReport.rejected).toEqual([]);
  const host = await startBrowserHost({ service, rendererDir, ...(opts.uploadLimits ? { uploadLimits: opts.uploadLimits } : {}) });
  const chromium = await launchChromium();
  const page = chromium.context.pages()[0] ?? (await chromium.context.newPage());
  const pageErrors: string[] = [];
  page.on('pageerror', (err) => pageErrors.push(err.message));
  await page.goto(host.launchUrl);
  return {
    tmpDir: tmp.dir,
    service,
    host,
    page,
    pageErrors,
    importReport,
    async close() {
      await chromium.close();
      await host.close();
      await service.close();
      tmp.cleanup();
    },
  };
}
