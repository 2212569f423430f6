// Shared decoding context of the MMS dissector: the PDU, the sink, TLV scratch objects by nesting
// level, and the readers of MMS names (ObjectName, variable access specifications, file names).
import { berClass, newTlv, readLatin1, readTlv, readUtf8, type Tlv } from '../ber/ber.js';
import type { DissectSink } from '../types.js';

export const maxNames = 8;

// TLV scratch objects by nesting level: decoding is synchronous and never re-entered.
const pool: Tlv[] = [];
export function tlv(level: number): Tlv {
  let t = pool[level];
  if (!t) pool[level] = t = newTlv();
  return t;
}

/** The PDU being decoded and where its fields go. */
export const mx: { b: Uint8Array; out: DissectSink; want: boolean } = {
  b: new Uint8Array(0),
  out: { wantFields: false, field: () => undefined, operation: () => undefined, outcome: () => undefined, identity: () => undefined, malformed: () => undefined },
  want: false,
};

// Children of a TLV at level L are read into tlv(L + 1): loops below never reuse a parent's level.

export function visible(t: Tlv): string {
  return readLatin1(mx.b, t.start, t.end, 128);
}

/** ObjectName CHOICE (vmd-specific [0], domain-specific [1], aa-specific [2]) as "domain/item". */
export function objectName(t: Tlv, level: number): string {
  if (t.cls !== berClass.context) return '';
  switch (t.tag) {
    case 0: {
      const name = visible(t);
      if (mx.want) mx.out.field('mms.vmd_specific', name);
      return name;
    }
    case 1: {
      const c = tlv(level + 1);
      if (!readTlv(mx.b, t.start, t.end, c)) return '';
      const domain = visible(c);
      if (mx.want) mx.out.field('mms.domainId', domain);
      if (!readTlv(mx.b, c.next, t.end, c)) return domain;
      const item = visible(c);
      if (mx.want) mx.out.field('mms.itemId', item);
      return `${domain}/${item}`;
    }
    case 2: {
      const name = visible(t);
      if (mx.want) mx.out.field('mms.aa_specific', name);
      return name;
    }
    default:
      return '';
  }
}

/** The ObjectName explicitly wrapped in `t` (a CHOICE under a context tag). */
export function wrappedObjectName(t: Tlv, level: number): string {
  const c = tlv(level + 1);
  return readTlv(mx.b, t.start, t.end, c) ? objectName(c, level + 1) : '';
}

/** listOfVariable (the content of the TLV at `level`): SEQUENCE OF SEQUENCE { variableSpecification, alternateAccess }. */
export function listOfVariable(list: Tlv, level: number, names: string[]): void {
  const item = tlv(level + 1);
  const spec = tlv(level + 2);
  for (let pos = list.start; pos < list.end && readTlv(mx.b, pos, list.end, item); pos = item.next) {
    // variableSpecification: name [0] ObjectName; addresses and descriptions are not names.
    if (readTlv(mx.b, item.start, item.end, spec) && spec.cls === berClass.context && spec.tag === 0) {
      const name = wrappedObjectName(spec, level + 2);
      if (names.length < maxNames) names.push(name);
    }
  }
}

/** VariableAccessSpecification CHOICE: listOfVariable [0] or variableListName [1]. */
export function variableAccess(t: Tlv, level: number, names: string[]): void {
  if (t.cls !== berClass.context) return;
  if (t.tag === 0) listOfVariable(t, level, names);
  else if (t.tag === 1) {
    const name = wrappedObjectName(t, level);
    names.push(`list ${name}`);
  }
}

/** FileName: SEQUENCE OF GraphicString, joined with "/". */
export function fileName(t: Tlv, level: number): string {
  const c = tlv(level + 1);
  let name = '';
  let n = 0;
  for (let pos = t.start; pos < t.end && n < 4 && readTlv(mx.b, pos, t.end, c); pos = c.next, n++) {
    name += (n ? '/' : '') + readUtf8(mx.b, c.start, c.end, 128);
  }
  return name;
}

/** First primitive string found directly in t, or inside its first constructed child. */
export function firstIdentifier(t: Tlv, level: number): string {
  if (!t.constructed) return visible(t);
  const c = tlv(level + 1);
  if (!readTlv(mx.b, t.start, t.end, c) || c.constructed) return '';
  return c.cls === berClass.context || c.tag === 26 ? visible(c) : '';
}
