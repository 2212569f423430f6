// Sigma strings: `*` any run of characters, `?` one character, `\` escapes a wildcard or itself
// (`\*` a star, `\\*` a backslash then any run, `\\\*` a backslash then a star); a backslash before
// anything else is itself. Matchers are chosen once per value: exact, prefix, suffix, substring, or
// a regular expression only when wildcards sit inside the text.

export type WildcardToken = { readonly kind: 'text'; readonly text: string } | { readonly kind: 'star' } | { readonly kind: 'one' };

export function tokenize(pattern: string): WildcardToken[] {
  const tokens: WildcardToken[] = [];
  let text = '';
  const flush = () => {
    if (text !== '') tokens.push({ kind: 'text', text });
    text = '';
  };
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i] as string;
    if (c === '\\') {
      const next = pattern[i + 1];
      if (next === '*' || next === '?' || next === '\\') {
        text += next;
        i++;
      } else text += '\\';
    } else if (c === '*' || c === '?') {
      flush();
      tokens.push(c === '*' ? { kind: 'star' } : { kind: 'one' });
    } else text += c;
  }
  flush();
  return tokens;
}

export function hasWildcard(pattern: string): boolean {
  return tokenize(pattern).some((t) => t.kind !== 'text');
}

/** The plain text of a pattern without wildcards (escapes removed). */
export function unescape(pattern: string): string {
  return tokenize(pattern).map((t) => (t.kind === 'text' ? t.text : t.kind === 'star' ? '*' : '?')).join('');
}

/** Text as a Sigma pattern that matches exactly it. */
export function escapeWildcards(text: string): string {
  return text.replace(/[\\*?]/g, (c) => `\\${c}`);
}

const regexSpecial = /[.*+?^${}()|[\]\\/]/g;

export function tokensToRegexSource(tokens: readonly WildcardToken[]): string {
  return tokens.map((t) => (t.kind === 'text' ? t.text.replace(regexSpecial, '\\$&') : t.kind === 'star' ? '.*' : '.')).join('');
}

export type StringMatcher =
  | { readonly kind: 'exact'; readonly text: string }
  | { readonly kind: 'prefix'; readonly text: string }
  | { readonly kind: 'suffix'; readonly text: string }
  | { readonly kind: 'contains'; readonly text: string }
  | { readonly kind: 'any' }
  | { readonly kind: 'regex'; readonly regex: RegExp };

/** Compiles a pattern; for case-insensitive matching pass the pattern lowered and test lowered text. */
export function compilePattern(pattern: string): StringMatcher {
  const tokens = tokenize(pattern);
  if (tokens.length === 0) return { kind: 'exact', text: '' };
  const first = tokens[0] as WildcardToken;
  const last = tokens[tokens.length - 1] as WildcardToken;
  if (tokens.every((t) => t.kind === 'star')) return { kind: 'any' };
  if (tokens.length === 1 && first.kind === 'text') return { kind: 'exact', text: first.text };
  if (tokens.length === 2 && first.kind === 'text' && last.kind === 'star') return { kind: 'prefix', text: first.text };
  if (tokens.length === 2 && first.kind === 'star' && last.kind === 'text') return { kind: 'suffix', text: last.text };
  const middle = tokens[1];
  if (tokens.length === 3 && first.kind === 'star' && last.kind === 'star' && middle?.kind === 'text') return { kind: 'contains', text: middle.text };
  return { kind: 'regex', regex: new RegExp(`^${tokensToRegexSource(tokens)}$`, 's') };
}

export function testPattern(matcher: StringMatcher, text: string): boolean {
  switch (matcher.kind) {
    case 'exact':
      return text === matcher.text;
    case 'prefix':
      return text.startsWith(matcher.text);
    case 'suffix':
      return text.endsWith(matcher.text);
    case 'contains':
      return text.includes(matcher.text);
    case 'any':
      return true;
    case 'regex':
      return matcher.regex.test(text);
  }
}
