import type { Page } from 'playwright-core';

/** What the in-page code touches, typed by hand: the e2e tests compile with the Node project (no DOM lib). */
interface PageGlobals {
  document: {
    body: unknown;
    querySelector(selector: string): { textContent: string | null } | null;
  };
  MutationObserver: new (callback: () => void) => {
    observe(target: unknown, options: { subtree: boolean; childList: boolean; characterData: boolean; attributes: boolean }): void;
  };
  qoqTraceLengths?: number[];
}

const STREAMING_TRACE = '[data-testid="ai-trace"][data-streaming="true"]';

/**
 * Starts recording the streaming trace's text length at every DOM change. Polling from the test could
 * miss a short run entirely; an observer in the page sees each render, and the lengths outlive the
 * stream (the final result replaces it).
 */
export function recordStreamingTraceLengths(page: Page): Promise<void> {
  return page.evaluate((selector) => {
    const g = globalThis as unknown as PageGlobals;
    const lengths: number[] = [];
    g.qoqTraceLengths = lengths;
    new g.MutationObserver(() => {
      const el = g.document.querySelector(selector);
      if (el) lengths.push(el.textContent?.length ?? 0);
    }).observe(g.document.body, { subtree: true, childList: true, characterData: true, attributes: true });
  }, STREAMING_TRACE);
}

export function recordedTraceLengths(page: Page): Promise<number[]> {
  return page.evaluate(() => (globalThis as unknown as PageGlobals).qoqTraceLengths ?? []);
}

/** True when the non-empty streaming text got longer at least once between two renders. */
export function grewWhileStreaming(lengths: readonly number[]): boolean {
  return lengths.some((n, i) => i > 0 && lengths[i - 1]! > 0 && n > lengths[i - 1]!);
}
