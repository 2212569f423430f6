// The parameters of MMS confirmed services (ISO 9506-2 clauses 10-14): targets and values of
// requests, results and identity in responses, and ServiceError texts.
import { berClass, readInteger, readTlv, type Tlv } from '../ber/ber.js';
import type { IdentityDraft } from '../types.js';
import { fileName, firstIdentifier, listOfVariable, maxNames, mx, objectName, tlv, variableAccess, visible, wrappedObjectName } from './context.js';
import { summarizeDataList } from './data-values.js';
import { dataAccessErrors, errorClassNames, errorCodeNames, objectClassDomain, objectClassNames } from './names.js';

export interface Request {
  target: string;
  values: string;
  objectClass: number;
}

export function confirmedRequestBody(service: number, t: Tlv, level: number, req: Request): void {
  const names: string[] = [];
  const c = tlv(level + 1);
  const k = tlv(level + 2);
  switch (service) {
    case 0:
      req.target = 'VMD status';
      return;
    case 1: {
      // getNameList: objectClass [0] { basicObjectClass [0] }, objectScope [1] { vmd [0] | domain [1] | aa [2] }
      let scope = 'VMD';
      for (let pos = t.start; pos < t.end && readTlv(mx.b, pos, t.end, c); pos = c.next) {
        if (c.cls !== berClass.context || !readTlv(mx.b, c.start, c.end, k)) continue;
        if (c.tag === 0 && k.tag === 0) {
          req.objectClass = readInteger(mx.b, k.start, k.end);
          if (mx.want) mx.out.field('mms.objectClass', req.objectClass);
        } else if (c.tag === 1 && k.tag === 1) {
          const domain = visible(k);
          scope = `domain ${domain}`;
          if (mx.want) mx.out.field('mms.domainSpecific', domain);
        } else if (c.tag === 1 && k.tag === 2) scope = 'association';
      }
      req.target = `${objectClassNames[req.objectClass] ?? `class ${req.objectClass}`} in ${scope}`;
      return;
    }
    case 4:
      // read: specificationWithResult [0], variableAccessSpecificatn [1] { CHOICE }
      for (let pos = t.start; pos < t.end && readTlv(mx.b, pos, t.end, c); pos = c.next) {
        if (c.cls === berClass.context && c.tag === 1 && readTlv(mx.b, c.start, c.end, k)) variableAccess(k, level + 2, names);
      }
      req.target = names.join(', ');
      return;
    case 5: {
      // write: variableAccessSpecification (untagged CHOICE), listOfData [0]
      let index = 0;
      for (let pos = t.start; pos < t.end && readTlv(mx.b, pos, t.end, c); pos = c.next) {
        if (index++ === 0) variableAccess(c, level + 1, names);
        else if (c.cls === berClass.context && c.tag === 0) req.values = summarizeDataList(mx.b, c.start, c.end);
      }
      req.target = names.join(', ');
      return;
    }
    case 6:
    case 12:
    case 15:
      // getVariableAccessAttributes: name [0] ObjectName | address [1]; getNamed…Attributes: ObjectName
      if (readTlv(mx.b, t.start, t.end, c)) {
        req.target = service !== 6 ? objectName(c, level + 1) : c.tag === 0 ? wrappedObjectName(c, level + 1) : 'address';
      }
      return;
    case 11: {
      // defineNamedVariableList: variableListName ObjectName, listOfVariable [0]
      let index = 0;
      for (let pos = t.start; pos < t.end && readTlv(mx.b, pos, t.end, c); pos = c.next) {
        if (index++ === 0) req.target = objectName(c, level + 1);
        else if (c.cls === berClass.context && c.tag === 0) listOfVariable(c, level + 1, names);
      }
      req.values = names.join(', ');
      return;
    }
    case 13:
      // deleteNamedVariableList: listOfVariableListName [1] SEQUENCE OF ObjectName
      for (let pos = t.start; pos < t.end && readTlv(mx.b, pos, t.end, c); pos = c.next) {
        if (c.cls !== berClass.context || c.tag !== 1) continue;
        for (let q = c.start; q < c.end && names.length < maxNames && readTlv(mx.b, q, c.end, k); q = k.next) {
          names.push(objectName(k, level + 2));
        }
      }
      req.target = names.join(', ');
      return;
    case 46:
      // obtainFile: sourceFile [1], destinationFile [2]
      for (let pos = t.start; pos < t.end && readTlv(mx.b, pos, t.end, c); pos = c.next) {
        if (c.cls === berClass.context && c.tag === 1) req.target = fileName(c, level + 1);
        else if (c.cls === berClass.context && c.tag === 2) req.values = `to ${fileName(c, level + 1)}`;
      }
      return;
    case 72:
    case 75:
    case 77:
      // fileOpen / fileRename / fileDirectory: the first FileName
      if (readTlv(mx.b, t.start, t.end, c) && c.constructed) req.target = fileName(c, level + 1);
      return;
    case 76:
      req.target = fileName(t, level);
      return;
    case 73:
    case 74:
      req.target = `FRSM ${readInteger(mx.b, t.start, t.end)}`;
      return;
    default:
      // Domain and program invocation services name their domain or program first.
      if (service >= 26 && service <= 45) req.target = firstIdentifier(t, level);
      return;
  }
}

/** Identify response → identity facts. */
function identifyResponse(t: Tlv, level: number, facts: IdentityDraft[]): string {
  let text = '';
  const c = tlv(level + 1);
  for (let pos = t.start; pos < t.end && readTlv(mx.b, pos, t.end, c); pos = c.next) {
    if (c.cls !== berClass.context || c.tag > 2) continue;
    const value = visible(c);
    if (mx.want) mx.out.field(c.tag === 0 ? 'mms.vendorName' : c.tag === 1 ? 'mms.modelName' : 'mms.revision', value);
    if (value !== '') {
      facts.push({ subject: 'source', attribute: c.tag === 0 ? 'vendor' : c.tag === 1 ? 'model' : 'firmware', value, confidence: 0.9 });
    }
    text += (text ? ' ' : '') + value;
  }
  return text;
}

export interface Response {
  values: string;
  failure: string;
}

/** Counts AccessResults in `list`; a failure only when every one failed. */
function accessResults(list: Tlv, level: number, res: Response, failureTag: number): void {
  const r = tlv(level + 1);
  let failures = 0;
  let total = 0;
  let first = '';
  for (let pos = list.start; pos < list.end && readTlv(mx.b, pos, list.end, r); pos = r.next) {
    total++;
    if (r.cls === berClass.context && r.tag === failureTag) {
      failures++;
      if (!first) first = dataAccessErrors[readInteger(mx.b, r.start, r.end)] ?? 'failure';
    }
  }
  if (failures > 0 && failures === total) res.failure = first;
  else if (failures > 0) res.values = `${failures} of ${total} failed (${first})${res.values ? `: ${res.values}` : ''}`;
}

export function confirmedResponseBody(service: number, t: Tlv, level: number, objectClass: number, facts: IdentityDraft[], res: Response): void {
  const c = tlv(level + 1);
  const k = tlv(level + 2);
  switch (service) {
    case 2:
      res.values = identifyResponse(t, level, facts);
      return;
    case 1: {
      // getNameList: listOfIdentifier [0], moreFollows [1]
      let count = 0;
      for (let pos = t.start; pos < t.end && readTlv(mx.b, pos, t.end, c); pos = c.next) {
        if (c.cls !== berClass.context) continue;
        if (c.tag === 1) {
          if (mx.want) mx.out.field('mms.moreFollows', (mx.b[c.start] ?? 0) !== 0 ? 1 : 0);
          continue;
        }
        if (c.tag !== 0) continue;
        for (let q = c.start; q < c.end && readTlv(mx.b, q, c.end, k); q = k.next) {
          const name = visible(k);
          if (mx.want) mx.out.field('mms.Identifier', name);
          if (count < maxNames) res.values += (count ? ', ' : '') + name;
          if (objectClass === objectClassDomain && count < 16 && name !== '') {
            facts.push({ subject: 'source', attribute: 'name', value: name, confidence: 0.5 });
          }
          count++;
        }
      }
      if (count > maxNames) res.values += `, … (${count})`;
      return;
    }
    case 4:
      // read: variableAccessSpecificatn [0] opt, listOfAccessResult [1]
      for (let pos = t.start; pos < t.end && readTlv(mx.b, pos, t.end, c); pos = c.next) {
        if (c.cls !== berClass.context) continue;
        if (c.tag === 1) {
          res.values = summarizeDataList(mx.b, c.start, c.end);
          accessResults(c, level + 1, res, 0);
        } else if (c.tag === 0 && readTlv(mx.b, c.start, c.end, k)) variableAccess(k, level + 2, []);
      }
      return;
    case 5:
      // write: SEQUENCE OF { failure [0] | success [1] }
      accessResults(t, level, res, 0);
      return;
    case 12:
      // getNamedVariableListAttributes: mmsDeletable [0], listOfVariable [1]
      for (let pos = t.start; pos < t.end && readTlv(mx.b, pos, t.end, c); pos = c.next) {
        if (c.cls === berClass.context && c.tag === 1) {
          const names: string[] = [];
          listOfVariable(c, level + 1, names);
          res.values = names.join(', ');
        }
      }
      return;
    default:
      return;
  }
}

/** ServiceError content in [start, end): errorClass [0] { CHOICE }. */
export function serviceErrorText(start: number, end: number, level: number): string {
  const c = tlv(level);
  const k = tlv(level + 1);
  for (let pos = start; pos < end && readTlv(mx.b, pos, end, c); pos = c.next) {
    if (c.cls !== berClass.context || c.tag !== 0 || !readTlv(mx.b, c.start, c.end, k)) continue;
    const code = readInteger(mx.b, k.start, k.end);
    if (mx.want) mx.out.field('mms.errorClass', k.tag);
    return `${errorClassNames[k.tag] ?? `class ${k.tag}`}: ${errorCodeNames[k.tag]?.[code] ?? code}`;
  }
  return 'service error';
}
