import { describe, expect, it } from 'vitest';
import { AI_SHORTCUTS } from '../../../src-renderer/src/ai/aiShortcuts';
import { ECG_SHORTCUTS } from '../../../src-renderer/src/ecg/ecgShortcuts';
import { keyLabel, SHORTCUT_GROUPS } from '../../../src-renderer/src/shortcuts/shortcutCatalog';
import { VIEWER_SHORTCUTS, viewerShortcutFor } from '../../../src-renderer/src/viewer/viewerShortcuts';

describe('shortcut catalog', () => {
  it('is built from the very tables the components dispatch from', () => {
    const byTitle = Object.fromEntries(SHORTCUT_GROUPS.map((g) => [g.title, g.shortcuts]));
    expect(byTitle['Image viewer']).toBe(VIEWER_SHORTCUTS);
    expect(byTitle['ECG reader']).toBe(ECG_SHORTCUTS);
    expect(byTitle['AI read']).toBe(AI_SHORTCUTS);
    expect(byTitle['Everywhere']?.map((s) => s.key)).toContain('?');
  });

  it('has no key twice within a group (where the keys act together)', () => {
    for (const g of SHORTCUT_GROUPS) expect(new Set(g.shortcuts.map((s) => s.key)).size, g.title).toBe(g.shortcuts.length);
  });

  it('dispatches the measurement, cine and delete keys of the viewer', () => {
    expect(viewerShortcutFor('L')).toEqual({ type: 'tool', tool: 'length' });
    expect(viewerShortcutFor('a')).toEqual({ type: 'tool', tool: 'angle' });
    expect(viewerShortcutFor('e')).toEqual({ type: 'tool', tool: 'ellipse' });
    expect(viewerShortcutFor('w')).toEqual({ type: 'tool', tool: 'window' });
    expect(viewerShortcutFor('p')).toEqual({ type: 'cine' });
    expect(viewerShortcutFor('Delete')).toEqual({ type: 'clearMeasurements' });
  });

  it('labels keys as printed on a keyboard', () => {
    expect(keyLabel('ArrowUp')).toBe('↑');
    expect(keyLabel('l')).toBe('L');
    expect(keyLabel('PageDown')).toBe('PageDown');
  });
});
