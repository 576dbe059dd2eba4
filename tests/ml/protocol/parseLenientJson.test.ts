import { describe, expect, it } from 'vitest';
import { parseLenientJson } from '../../../src-main/ml/protocol/parseLenientJson';

describe('parseLenientJson', () => {
  it('reads strict JSON like JSON.parse', () => {
    const text = '{"a": [1, -2.5e3, "x\\n\\u00e9"], "b": {"c": null, "d": false}}';
    expect(parseLenientJson(text)).toEqual({ ok: true, value: JSON.parse(text), end: text.length });
  });

  it('accepts single quotes, escaped quotes, unquoted keys, trailing commas and Python literals', () => {
    expect(parseLenientJson("{label: 'it\\'s', 'ok': True, n: None, xs: [1, 2,],}")).toMatchObject({
      ok: true,
      value: { label: "it's", ok: true, n: null, xs: [1, 2] },
    });
  });

  it('stops after one value and reports where', () => {
    expect(parseLenientJson('  [1] trailing', 0)).toEqual({ ok: true, value: [1], end: 5 });
    expect(parseLenientJson('xx{"a":1}yy', 2)).toEqual({ ok: true, value: { a: 1 }, end: 9 });
  });

  it('overflowing numbers become Infinity (rejected later as a box coordinate)', () => {
    expect(parseLenientJson('[1e999]')).toMatchObject({ ok: true, value: [Infinity] });
  });

  it.each([
    ['truncated list', '[1, ', 'unexpected end'],
    ['truncated after an item', '[1, 2', 'expected "," or "]"'],
    ['missing comma', '[1 2]', 'expected "," or "]"'],
    ['missing colon', '{"a" 1}', 'expected ":"'],
    ['unterminated string', "'open", 'unterminated string'],
    ['NaN literal', '[NaN]', 'unexpected "NaN"'],
    ['bad unicode escape', '"\\uZZZZ"', 'bad \\u escape'],
    ['empty item', '[,]', 'unexpected ","'],
    ['1,000 open brackets', '['.repeat(1000), 'nesting deeper than 64'],
  ])('rejects %s without throwing', (_name, text, reason) => {
    const result = parseLenientJson(text);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toContain(reason);
  });
});
