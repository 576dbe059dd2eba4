import type { Page } from 'playwright-core';

interface PageGlobals {
  document: {
    querySelector(selector: string): {
      dataset: Record<string, string | undefined>;
      addEventListener(type: string, listener: () => void): void;
    } | null;
  };
}

/** cornerstone's Enums.Events.IMAGE_RENDERED, fired on the viewport element after each drawn frame. */
const IMAGE_RENDERED = 'CORNERSTONE_IMAGE_RENDERED';

/** Counts the frames cornerstone draws into a viewport element, in its `data-renders` attribute. */
export async function countRenders(page: Page, testId: string): Promise<void> {
  await page.evaluate(
    ([selector, type]) => {
      // Runs in the page but is type-checked without the DOM lib: name just what it uses.
      const el = (globalThis as unknown as PageGlobals).document.querySelector(selector);
      if (!el) throw new Error(`no element ${selector}`);
      el.dataset.renders = '0';
      el.addEventListener(type, () => {
        el.dataset.renders = String(Number(el.dataset.renders ?? 0) + 1);
      });
    },
    [`[data-testid="${testId}"]`, IMAGE_RENDERED] as const,
  );
}

/**
 * Waits until the viewport has drawn no frame for `quietMs`. A software-WebGL 3D frame takes seconds
 * and keeps the GPU process busy even after the browser is closed, slowing whatever test runs next;
 * so a test ends only once its last frame is out.
 */
export async function waitForRenderQuiet(page: Page, testId: string, quietMs: number): Promise<void> {
  const count = () => page.getByTestId(testId).getAttribute('data-renders');
  let last = await count();
  let since = Date.now();
  while (Date.now() - since < quietMs) {
    await page.waitForTimeout(250);
    const now = await count();
    if (now !== last) {
      last = now;
      since = Date.now();
    }
  }
}
