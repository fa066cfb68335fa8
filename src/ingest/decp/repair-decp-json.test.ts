import { describe, expect, it } from 'vitest';
import { repairJsonText } from './repair-decp-json.ts';

describe('repairJsonText', () => {
  it('leaves valid JSON untouched', () => {
    const text = '{"a": "\\"\\\\\\/\\b\\f\\n\\r\\t\\u00e9", "b": [1, -2.5e3, true, null], "NaN": "Infinity"}';
    expect(repairJsonText(text)).toEqual({ text, repairs: 0 });
    expect(JSON.parse(text)).toBeTruthy();
  });

  it('doubles the backslash of invalid escapes, escapes control characters and quotes NaN', () => {
    const { text, repairs } = repairJsonText('{"a": "\\x\\u12G\\é\n", "b": NaN, "c": [Infinity, -Infinity]}');
    expect(repairs).toBe(7);
    expect(JSON.parse(text)).toEqual({ a: '\\x\\u12G\\é\n', b: 'NaN', c: ['Infinity', '-Infinity'] });
  });
});
