// Reports write indicators defanged so that nobody clicks them: "1.2.3[.]4", "hxxp://", "user[at]host".
// Matching runs on refanged text; findings are mapped back to the original offsets.

interface Replacement {
  readonly origStart: number;
  readonly origEnd: number;
  readonly refStart: number;
  readonly refEnd: number;
}

export interface RefangedText {
  readonly text: string;
  /** Original offset of a refanged start offset (inside a replaced token: the token's start). */
  toOriginalStart(refStart: number): number;
  /** Original offset of a refanged end offset (exclusive; inside a replaced token: the token's end). */
  toOriginalEnd(refEnd: number): number;
  /** True when a replaced token lies within [start, end) of the refanged text. */
  defangedWithin(refStart: number, refEnd: number): boolean;
}

// Brackets of any kind around a dot, colon, slash or "at"; word forms may be spaced ("user [at] host").
// hxxp/hxxps/fxp only before "://" in some defanged or plain spelling.
const defangToken =
  /\[\.\]|\(\.\)|\{\.\}|\[:\/\/\]|\[:\]|\[\/\]|\[@\]|\(@\)| ?(?:\[dot\]|\(dot\)|\{dot\}) ?| ?(?:\[at\]|\(at\)|\{at\}) ?|\b(?:hxxps?|hxxp|fxp)(?=\[?:\]?\/\/|\[:\/\/\])/gi;

function replacementFor(token: string): string {
  const t = token.trim().toLowerCase();
  if (t === '[:]') return ':';
  if (t === '[://]') return '://';
  if (t === '[/]') return '/';
  if (t === '[@]' || t === '(@)' || t.endsWith('at]') || t.endsWith('at)') || t.endsWith('at}')) return '@';
  if (t.startsWith('hxxp')) return t.replace('hxxp', 'http');
  if (t === 'fxp') return 'ftp';
  return '.';
}

export function refang(original: string): RefangedText {
  const replacements: Replacement[] = [];
  let out = '';
  let last = 0;
  defangToken.lastIndex = 0;
  for (let m = defangToken.exec(original); m !== null; m = defangToken.exec(original)) {
    const token = m[0];
    const refStart = out.length + (m.index - last);
    const replacement = replacementFor(token);
    out += original.slice(last, m.index) + replacement;
    replacements.push({ origStart: m.index, origEnd: m.index + token.length, refStart, refEnd: refStart + replacement.length });
    last = m.index + token.length;
  }
  if (replacements.length === 0) return identity(original);
  out += original.slice(last);

  // Last replacement starting at or before `pos` in refanged coordinates, or undefined.
  const at = (pos: number): Replacement | undefined => {
    let lo = 0;
    let hi = replacements.length - 1;
    let found: Replacement | undefined;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const r = replacements[mid] as Replacement;
      if (r.refStart <= pos) {
        found = r;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    return found;
  };
  return {
    text: out,
    toOriginalStart(pos) {
      const r = at(pos);
      if (r === undefined) return pos;
      return pos < r.refEnd ? r.origStart : r.origEnd + (pos - r.refEnd);
    },
    toOriginalEnd(pos) {
      if (pos <= 0) return 0;
      const lastChar = pos - 1;
      const r = at(lastChar);
      if (r === undefined) return pos;
      return lastChar < r.refEnd ? r.origEnd : r.origEnd + (lastChar - r.refEnd) + 1;
    },
    defangedWithin(start, end) {
      const r = at(end - 1);
      return r !== undefined && r.refEnd > start;
    },
  };
}

function identity(text: string): RefangedText {
  return {
    text,
    toOriginalStart: (pos) => pos,
    toOriginalEnd: (pos) => pos,
    defangedWithin: () => false,
  };
}
