// A cursor over BACnet service parameters (ASHRAE 135 clause 20.2) with the readers every service
// decoder shares: context/application tags, object and property identifiers, values, errors.
import type { DissectSink, IdentityDraft } from '../types.js';
import {
  errorClasses,
  errorCodes,
  nameOr,
  objectTypeDevice,
  objectTypeName,
  propertyApplicationSoftwareVersion,
  propertyFirmwareRevision,
  propertyModelName,
  propertyName,
  propertyObjectName,
  propertyVendorIdentifier,
  propertyVendorName,
} from './names.js';
import { appEnumerated, appObjectIdentifier, newTag, objectInstance, objectType, readTag, tagUnsigned } from './tags.js';
import { walkValue } from './values.js';

/** Decoding state for one APDU: the pipeline calls dissectors synchronously, one PDU at a time. */
export const cur: { b: Uint8Array; p: number; e: number; out: DissectSink } = {
  b: new Uint8Array(0),
  p: 0,
  e: 0,
  out: { wantFields: false, field: () => undefined, operation: () => undefined, outcome: () => undefined, identity: () => undefined, malformed: () => undefined },
};
/** The tag last read by peek(). */
export const t = newTag();
export const valueResult = { text: '', firstString: '' };

/** What a service's parameters said. */
export interface Parsed {
  objType: number;
  objInstance: number;
  property: number;
  index: number;
  targets: string[];
  values: string;
  enumValue: number;
  problem: string;
}

export function fresh(): Parsed {
  return { objType: -1, objInstance: -1, property: -1, index: -1, targets: [], values: '', enumValue: -1, problem: '' };
}

export function peek(): boolean {
  return cur.p < cur.e && readTag(cur.b, cur.p, cur.e, t);
}

export function isContext(n: number): boolean {
  return peek() && t.context && !t.opening && !t.closing && t.number === n;
}

export function isOpening(n: number): boolean {
  return peek() && t.opening && t.number === n;
}

export function isClosing(n: number): boolean {
  return peek() && t.closing && t.number === n;
}

export function isApplication(n: number): boolean {
  return peek() && !t.context && t.number === n;
}

/** Optional context-tagged unsigned; NaN when absent. */
export function takeUnsigned(n: number): number {
  if (!isContext(n)) return Number.NaN;
  cur.p = t.next;
  return tagUnsigned(cur.b, t);
}

/** Application-tagged unsigned or enumerated; NaN when absent. */
export function takeAppUnsigned(n: number): number {
  if (!isApplication(n)) return Number.NaN;
  cur.p = t.next;
  return tagUnsigned(cur.b, t);
}

export function emitObject(at: number, parsed: Parsed | undefined): string {
  const type = objectType(cur.b, at);
  const instance = objectInstance(cur.b, at);
  if (cur.out.wantFields) {
    cur.out.field('bacapp.objectType', type);
    cur.out.field('bacapp.instance_number', instance);
  }
  if (parsed) {
    parsed.objType = type;
    parsed.objInstance = instance;
  }
  return `${objectTypeName(type)} ${instance}`;
}

/** Context-tagged object identifier; '' when absent. */
export function takeObject(n: number, parsed?: Parsed): string {
  if (!isContext(n) || t.length !== 4) return '';
  cur.p = t.next;
  return emitObject(t.start, parsed);
}

export function takeAppObject(parsed?: Parsed): string {
  if (!isApplication(appObjectIdentifier) || t.length !== 4) return '';
  cur.p = t.next;
  return emitObject(t.start, parsed);
}

export function takeProperty(n: number, parsed?: Parsed): number {
  if (!isContext(n)) return -1;
  cur.p = t.next;
  const id = tagUnsigned(cur.b, t);
  if (cur.out.wantFields && !Number.isNaN(id)) cur.out.field('bacapp.property_identifier', id);
  if (parsed) parsed.property = id;
  return id;
}

/** Skips to just after the closing tag `n` that matches an opening tag already consumed. */
export function skipToClosing(n: number): boolean {
  let depth = 0;
  while (cur.p < cur.e) {
    if (!readTag(cur.b, cur.p, cur.e, t)) return false;
    cur.p = t.next;
    if (t.opening) depth++;
    else if (t.closing) {
      if (depth === 0) return t.number === n;
      depth--;
    }
  }
  return false;
}

/** A value between opening and closing tag `n`: fields, summary, first string. */
export function takeValue(n: number, property: number): string {
  if (!isOpening(n)) return '';
  cur.p = t.next;
  const start = cur.p;
  valueResult.firstString = '';
  // After skipToClosing, cur.p is past the closing tag (one octet, or two with an extended tag number).
  const stop = skipToClosing(n) ? cur.p - (n >= 15 ? 2 : 1) : cur.e;
  walkValue(cur.b, start, stop, property, cur.out, valueResult);
  return valueResult.text;
}

export function propertyRef(property: number, index: number): string {
  if (property < 0 || Number.isNaN(property)) return '';
  return Number.isNaN(index) || index < 0 ? propertyName(property) : `${propertyName(property)}[${index}]`;
}

const identityAttributeByProperty: Readonly<Record<number, IdentityDraft['attribute']>> = {
  [propertyVendorName]: 'vendor',
  [propertyModelName]: 'model',
  [propertyFirmwareRevision]: 'firmware',
  [propertyApplicationSoftwareVersion]: 'firmware',
  [propertyObjectName]: 'name',
  [propertyVendorIdentifier]: 'vendor-id',
};

export function identityFromProperty(objType: number, objInstance: number, property: number, facts: IdentityDraft[]): void {
  if (objType !== objectTypeDevice) return;
  if (property === 75) {
    if (objInstance !== 4194303) facts.push({ subject: 'source', attribute: 'address', value: String(objInstance), confidence: 0.8 });
    return;
  }
  const attribute = identityAttributeByProperty[property];
  if (!attribute) return;
  let value = property === propertyVendorIdentifier ? valueResult.text : valueResult.firstString;
  if (value === '') return;
  let confidence = 0.9;
  if (property === propertyApplicationSoftwareVersion) {
    // The application program's version, not the firmware: a weaker firmware hint.
    value = `application ${value}`;
    confidence = 0.4;
  }
  facts.push({ subject: 'source', attribute, value, confidence });
}

/** Device object identifier inside a read value ("device 500" answering a wildcard read). */
export function deviceInValue(text: string, facts: IdentityDraft[]): void {
  if (text.startsWith('device ')) facts.push({ subject: 'source', attribute: 'address', value: text.slice(7), confidence: 0.8 });
}

export function readErrorPair(parsed: Parsed): void {
  // Some services wrap the error in [0]; the pair itself is two application enumerations.
  const wrapped = isOpening(0);
  if (wrapped) cur.p = t.next;
  const cls = takeAppUnsigned(appEnumerated);
  const code = takeAppUnsigned(appEnumerated);
  if (cur.out.wantFields) {
    if (!Number.isNaN(cls)) cur.out.field('bacapp.error_class', cls);
    if (!Number.isNaN(code)) cur.out.field('bacapp.error_code', code);
  }
  if (wrapped && isClosing(0)) cur.p = t.next;
  parsed.problem = `${nameOr(errorClasses, cls, 'class')}: ${nameOr(errorCodes, code, 'code')}`;
}
