import { describe, expect, it } from 'vitest';
import { refang } from './refang.js';

describe('refang', () => {
  it('leaves plain text alone', () => {
    const r = refang('nothing to see at 10.0.0.1');
    expect(r.text).toBe('nothing to see at 10.0.0.1');
    expect(r.toOriginalStart(5)).toBe(5);
    expect(r.defangedWithin(0, 20)).toBe(false);
  });

  it.each([
    ['1[.]2[.]3[.]4', '1.2.3.4'],
    ['evil(.)com', 'evil.com'],
    ['evil{.}com', 'evil.com'],
    ['evil [dot] com', 'evil.com'],
    ['evil(DOT)com', 'evil.com'],
    ['user[at]evil.com', 'user@evil.com'],
    ['user (at) evil.com', 'user@evil.com'],
    ['user[@]evil.com', 'user@evil.com'],
    ['hxxp://a.b/c', 'http://a.b/c'],
    ['HXXPS://a.b/c', 'https://a.b/c'],
    ['hxxps[://]a.b', 'https://a.b'],
    ['hxxp[:]//a.b', 'http://a.b'],
    ['fxp://a.b', 'ftp://a.b'],
    ['2001:db8[:]:1', '2001:db8::1'],
  ])('%s becomes %s', (input, output) => {
    expect(refang(input).text).toBe(output);
  });

  it('does not touch hxxp that is not a scheme', () => {
    expect(refang('the hxxp protocol').text).toBe('the hxxp protocol');
  });

  it('maps refanged offsets back to the original text', () => {
    const original = 'see hxxp://evil[.]com/x now';
    const r = refang(original);
    expect(r.text).toBe('see http://evil.com/x now');
    const start = r.text.indexOf('http');
    const end = r.text.indexOf(' now');
    const s = r.toOriginalStart(start);
    const e = r.toOriginalEnd(end);
    expect(original.slice(s, e)).toBe('hxxp://evil[.]com/x');
    expect(r.defangedWithin(start, end)).toBe(true);
    // "now" lies after every replacement: plain arithmetic from the last one.
    expect(original.slice(r.toOriginalStart(end + 1), r.toOriginalEnd(r.text.length))).toBe('now');
    expect(r.defangedWithin(end, r.text.length)).toBe(false);
  });

  it('maps a span that ends on a replaced token to the end of the token', () => {
    const original = 'a[.]b';
    const r = refang(original);
    expect(r.text).toBe('a.b');
    expect(r.toOriginalEnd(2)).toBe(4); // "a." ends after "[.]"
    expect(r.toOriginalStart(1)).toBe(1); // the "." starts where "[.]" starts
  });
});
