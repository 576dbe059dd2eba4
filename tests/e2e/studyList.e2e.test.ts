// End to end: the study list and the import field of the BUILT renderer in Debian's Chromium, over a
// temporary store that starts with two of the nine demo studies. The rest are imported from the UI's
// path field (drops and the folder picker are tested in importDrop.e2e.test.ts), then the search box, the domain filter and the sort order are checked against
// expectations the test derives itself from the store's unfiltered list.
// Screenshots go to test-results/e2e/list-*.png.
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StudySummary } from '../../src-main/contract/schemas';
import { repoRoot } from '../helpers/sharedData';
import { openWorkstation, screenshotsDir, type OpenWorkstation } from './openWorkstation';

const DEMO = path.join(repoRoot, 'resources', 'demo', 'studies');
/** One study per domain folder of the demo set. */
const DEMO_DOMAINS = ['ct', 'cxr', 'ecg', 'fundus', 'mammography', 'mri', 'pathology', 'skin', 'ultrasound'];
const PRESENT_AT_START = ['ecg', 'skin'];

let ws: OpenWorkstation;
let page: Page;
let pageErrors: string[] = [];

const shot = (name: string) => page.screenshot({ path: path.join(screenshotsDir, `list-${name}.png`) });
const rows = () => page.locator('.list li');
/** What each row shows as its title: the patient name, or the id without one. */
const shownTitles = () => page.locator('.list li strong').allInnerTexts();
const title = (s: StudySummary) => s.patientName ?? s.patientId;

/** Every study in the store, straight from the service (no filter, no UI). */
async function allStudies(): Promise<StudySummary[]> {
  return (await ws.service.api.listStudies({ limit: 200 })).studies;
}

beforeAll(async () => {
  ws = await openWorkstation({
    name: 'study-list',
    paths: PRESENT_AT_START.map((d) => path.join(DEMO, d)),
  });
  ({ page, pageErrors } = ws);
}, 180_000);

afterAll(() => ws?.close());

describe('study list and import field in the built app', () => {
  it('imports a folder typed into the path field, shows progress, and lists the new studies', async () => {
    await expect.poll(() => rows().count(), { timeout: 20_000 }).toBe(PRESENT_AT_START.length);
    // The progress bar may be on screen for a moment only: record whether it ever appears.
    await page.evaluate(() => {
      const g = globalThis as unknown as {
        __progressSeen: string[];
        document: { querySelector(s: string): { textContent: string | null } | null; body: unknown };
        MutationObserver: new (fn: () => void) => { observe(node: unknown, opts: object): void };
      };
      g.__progressSeen = [];
      new g.MutationObserver(() => {
        const text = g.document.querySelector('.import .progress')?.textContent;
        if (text) g.__progressSeen.push(text.replace(/\s+/g, ' ').trim());
      }).observe(g.document.body, { childList: true, subtree: true, characterData: true });
    });
    await page.locator('.import textarea').fill(DEMO);
    await page.locator('.import button', { hasText: 'Import' }).click();

    // The two studies already there are skipped file by file; the seven others are new.
    const expectedNew = DEMO_DOMAINS.length - PRESENT_AT_START.length;
    await expect.poll(() => rows().count(), { timeout: 60_000 }).toBe(DEMO_DOMAINS.length);
    await expect.poll(() => page.locator('.list .count').innerText()).toBe(`${DEMO_DOMAINS.length} studies`);
    const reportText = await page.locator('.import').innerText();
    const report = /Imported (\d+), skipped (\d+), rejected (\d+)/.exec(reportText);
    expect(report, reportText).not.toBeNull();
    expect(Number(report?.[1])).toBeGreaterThanOrEqual(expectedNew);
    expect(Number(report?.[2])).toBeGreaterThanOrEqual(PRESENT_AT_START.length);
    expect(Number(report?.[3])).toBe(0);
    const seen = await page.evaluate(() => (globalThis as unknown as { __progressSeen: string[] }).__progressSeen);
    expect(seen.length, 'the import progress line never appeared').toBeGreaterThan(0);
    expect(seen.some((t) => /(scanning|importing) \d+\/\d+ — \d+ imported, \d+ skipped, \d+ rejected/.test(t)), seen.join('\n')).toBe(true);

    // The store now holds one study of each demo domain.
    const domains = new Set((await allStudies()).flatMap((s) => s.domains));
    for (const d of DEMO_DOMAINS) expect(domains, d).toContain(d);
    // Dates and modalities line up down the list however long a patient's name is.
    const columnLefts = async (nth: number) =>
      rows().evaluateAll((lis, i) => lis.map((li) => Math.round((li.children[i] as { getBoundingClientRect(): { left: number } }).getBoundingClientRect().left)), nth);
    for (const column of [1, 2]) expect(new Set(await columnLefts(column)).size, `column ${column}`).toBe(1);
    await shot('01-imported');
    expect(pageErrors).toEqual([]);
  }, 90_000);

  it('filters the list by domain', async () => {
    const all = await allStudies();
    const domainSelect = page.locator('.list .filters select').first();
    for (const domain of ['ct', 'ecg', 'pathology']) {
      const expected = all.filter((s) => s.domains.includes(domain as StudySummary['domains'][number])).map(title).sort();
      expect(expected.length).toBeGreaterThan(0);
      expect(expected.length).toBeLessThan(all.length);
      await domainSelect.selectOption(domain);
      await expect.poll(async () => (await shownTitles()).sort(), { timeout: 10_000 }).toEqual(expected);
    }
    await shot('02-domain-pathology');
    await domainSelect.selectOption('');
    await expect.poll(() => rows().count()).toBe(all.length);
  });

  it('narrows the list to what the search box matches', async () => {
    const all = await allStudies();
    // Matched case-insensitively in patient id, name, description, accession and UID (what the box
    // promises): typed in capitals, while the fundus study's patient id has it in lower case.
    const word = 'FUNDUS';
    const matches = (s: StudySummary) =>
      [s.patientId, s.patientName, s.description, s.accessionNumber, s.studyInstanceUid].some((f) => (f ?? '').toLowerCase().includes(word.toLowerCase()));
    const expected = all.filter(matches).map(title).sort();
    expect(expected.length).toBeGreaterThan(0);
    expect(expected.length).toBeLessThan(all.length);
    await page.locator('.list input[type="search"]').fill(word);
    await expect.poll(async () => (await shownTitles()).sort(), { timeout: 10_000 }).toEqual(expected);
    // Nothing matches nonsense.
    await page.locator('.list input[type="search"]').fill('zz-no-such-study-zz');
    await expect.poll(() => rows().count(), { timeout: 10_000 }).toBe(0);
    await expect.poll(() => page.locator('.list .count').innerText()).toBe('0 studies');
    await page.locator('.list input[type="search"]').fill('');
    await expect.poll(() => rows().count()).toBe(all.length);
  });

  it('orders the list by patient name and by study date', async () => {
    const all = await allStudies();
    const sortSelect = page.locator('.list .filters select').nth(1);
    // Named patients A→Z (case-insensitive), then the unnamed ones by patient id.
    const key = (s: StudySummary) => [s.patientName === null ? 1 : 0, s.patientName?.toLowerCase() ?? '', s.patientId] as const;
    const byName = [...all].sort((a, b) => {
      const [x, y] = [key(a), key(b)];
      for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return (x[i] ?? '') < (y[i] ?? '') ? -1 : 1;
      return 0;
    });
    const before = await shownTitles();
    // The set is not already in name order, so the switch is observable.
    expect(before).not.toEqual(byName.map(title));
    await sortSelect.selectOption('patient');
    await expect.poll(shownTitles, { timeout: 10_000 }).toEqual(byName.map(title));
    await shot('03-sorted-by-patient');

    // Study date, newest first, undated last; the dates shown in the rows must read that way.
    await sortSelect.selectOption('date');
    const shownDates = () =>
      page.locator('.list li').evaluateAll((lis) =>
        lis.map((li) => (li as unknown as { querySelector(s: string): { textContent: string | null } | null }).querySelector('span')?.textContent ?? ''),
      );
    // Every row is already shown under the previous order, so wait for the order itself, not the count.
    // Shown as YYYY-MM-DD, as the viewer's overlay shows them.
    const known = all.flatMap((s) => (s.studyDate ? [s.studyDate] : []));
    const iso = (d: string) => `${d.slice(0, 4)}-${d.slice(4, 6)}-${d.slice(6, 8)}`;
    const expectedOrder = [...known.sort().reverse().map(iso), ...all.filter((s) => !s.studyDate).map(() => '—')];
    await expect.poll(shownDates, { timeout: 10_000 }).toEqual(expectedOrder);
    expect(pageErrors).toEqual([]);
  });
});
