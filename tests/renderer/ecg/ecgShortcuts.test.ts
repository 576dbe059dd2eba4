import { describe, expect, it } from 'vitest';
import { ECG_SHORTCUTS, nextInCycle, shortcutFor, shortcutHelp } from '../../../src-renderer/src/ecg/ecgShortcuts';
import { GAINS, PAPER_SPEEDS } from '../../../src-renderer/src/ecg/paperScale';

describe('ecgShortcuts', () => {
  it('maps keys to actions, ignoring letter case', () => {
    expect(shortcutFor('2')).toEqual({ type: 'layout', layout: '6x2' });
    expect(shortcutFor('I')).toEqual({ type: 'caliper', mode: 'interval' });
    expect(shortcutFor('Escape')).toEqual({ type: 'clearCalipers' });
    expect(shortcutFor('W')).toEqual({ type: 'toggleFitWidth' });
    expect(shortcutFor('x')).toBeUndefined();
  });

  it('has no key twice and lists every key in the help', () => {
    const keys = ECG_SHORTCUTS.map((s) => s.key);
    expect(new Set(keys).size).toBe(keys.length);
    for (const key of keys) expect(shortcutHelp()).toContain(`${key}: `);
  });

  it('cycles speeds and gains, wrapping around', () => {
    expect(nextInCycle(PAPER_SPEEDS, 25)).toBe(50);
    expect(nextInCycle(PAPER_SPEEDS, 50)).toBe(12.5);
    expect(nextInCycle(GAINS, 20)).toBe(5);
  });
});
