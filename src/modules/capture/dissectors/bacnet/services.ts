// The parameters of the BACnet services that matter for inventory and detection (ASHRAE 135
// clauses 13-16): targets, small values and identity facts, read through the shared cursor.
import type { IdentityDraft } from '../types.js';
import {
  cur,
  deviceInValue,
  identityFromProperty,
  isApplication,
  isClosing,
  isContext,
  isOpening,
  peek,
  propertyRef,
  readErrorPair,
  t,
  takeAppObject,
  takeAppUnsigned,
  takeObject,
  takeProperty,
  takeUnsigned,
  takeValue,
  type Parsed,
} from './cursor.js';
import { nameOr, objectTypeDevice, objectTypeName, objectTypeProgram, propertyName, propertyProgramChange, segmentations } from './names.js';
import { appCharacterString, appEnumerated, appUnsigned, tagCharacterString, tagSigned, tagUnsigned } from './tags.js';
import { applicationValue } from './values.js';

// ---- confirmed services ----

export function decodeConfirmed(service: number, parsed: Parsed): void {
  switch (service) {
    case 12: // readProperty
    case 26: // readRange
    case 8: // addListElement
    case 9: // removeListElement
    case 15: {
      // writeProperty
      const obj = takeObject(0, parsed);
      const prop = takeProperty(1, parsed);
      parsed.index = takeUnsigned(2);
      if (obj) parsed.targets.push(`${obj} ${propertyRef(prop, parsed.index)}`.trimEnd());
      if (service === 15 || service === 8 || service === 9) {
        parsed.values = takeValue(3, prop);
        const priority = takeUnsigned(4);
        if (!Number.isNaN(priority)) parsed.values += ` priority ${priority}`;
        if (parsed.objType === objectTypeProgram && prop === propertyProgramChange) {
          const first = Number.parseInt(parsed.values, 10);
          parsed.enumValue = Number.isNaN(first) ? -1 : first;
        }
      }
      return;
    }
    case 14: // readPropertyMultiple
    case 16: // writePropertyMultiple
      while (cur.p < cur.e) {
        const obj = takeObject(0, parsed);
        if (!obj || !isOpening(1)) return;
        cur.p = t.next;
        const props: string[] = [];
        while (cur.p < cur.e && !isClosing(1)) {
          const prop = takeProperty(0);
          if (prop < 0) return;
          const index = takeUnsigned(1);
          props.push(propertyRef(prop, index));
          if (service === 16) {
            const v = takeValue(2, prop);
            if (parsed.values.length < 120) parsed.values += `${parsed.values ? '; ' : ''}${propertyName(prop)}=${v}`;
            takeUnsigned(3);
          }
        }
        if (isClosing(1)) cur.p = t.next;
        if (parsed.targets.length < 8) parsed.targets.push(`${obj} ${props.join(', ')}`);
      }
      return;
    case 5: // subscribeCOV
    case 28: // subscribeCOVProperty
    {
      takeUnsigned(0);
      const obj = takeObject(1, parsed);
      let confirmed = '';
      if (isContext(2)) {
        cur.p = t.next;
        confirmed = tagUnsigned(cur.b, t) ? 'confirmed' : 'unconfirmed';
      }
      const lifetime = takeUnsigned(3);
      let prop = '';
      if (service === 28 && isOpening(4)) {
        cur.p = t.next;
        const id = takeProperty(0, parsed);
        prop = ` ${propertyRef(id, takeUnsigned(1))}`;
        if (isClosing(4)) cur.p = t.next;
      }
      if (obj) parsed.targets.push(obj + prop);
      parsed.values = [confirmed, Number.isNaN(lifetime) ? (confirmed ? 'cancel' : '') : `lifetime ${lifetime}s`].filter(Boolean).join(' ');
      return;
    }
    case 6: // atomicReadFile
    case 7: {
      // atomicWriteFile
      const obj = takeAppObject(parsed);
      if (obj) parsed.targets.push(obj);
      const stream = isOpening(0);
      if (!stream && !isOpening(1)) return;
      cur.p = t.next;
      let start = Number.NaN;
      if (peek() && !t.context && t.number === 3) {
        cur.p = t.next;
        start = tagSigned(cur.b, t);
      }
      if (service === 6) {
        const count = isApplication(appUnsigned) ? tagUnsigned(cur.b, t) : Number.NaN;
        parsed.values = `${stream ? 'stream' : 'record'} start ${start} count ${count}`;
      } else {
        const bytes = peek() && !t.context && t.number === 6 ? t.length : Number.NaN;
        parsed.values = `${stream ? 'stream' : 'record'} start ${start}${stream ? ` ${bytes} bytes` : ''}`;
      }
      return;
    }
    case 20: // reinitializeDevice (the password in [1] is never kept)
      parsed.enumValue = takeUnsigned(0);
      return;
    case 17: {
      // deviceCommunicationControl (password in [2] never kept)
      const minutes = takeUnsigned(0);
      parsed.enumValue = takeUnsigned(1);
      if (!Number.isNaN(minutes)) parsed.values = `for ${minutes} min`;
      return;
    }
    case 10: // createObject
      if (isOpening(0)) {
        cur.p = t.next;
        if (isContext(0)) {
          cur.p = t.next;
          parsed.targets.push(objectTypeName(tagUnsigned(cur.b, t)));
        } else {
          const obj = takeObject(1, parsed);
          if (obj) parsed.targets.push(obj);
        }
      }
      return;
    case 11: {
      // deleteObject
      const obj = takeAppObject(parsed);
      if (obj) parsed.targets.push(obj);
      return;
    }
    case 18: {
      // confirmedPrivateTransfer
      const vendor = takeUnsigned(0);
      const number = takeUnsigned(1);
      parsed.targets.push(`vendor ${vendor} service ${number}`);
      return;
    }
    case 1: // confirmedCOVNotification
    case 2: // confirmedEventNotification
      decodeNotification(service === 1, parsed);
      return;
    case 0: {
      // acknowledgeAlarm
      takeUnsigned(0);
      const obj = takeObject(1, parsed);
      if (obj) parsed.targets.push(obj);
      return;
    }
    default:
      return;
  }
}

function decodeNotification(cov: boolean, parsed: Parsed): void {
  takeUnsigned(0);
  takeObject(1);
  const obj = takeObject(2, parsed);
  if (!cov) {
    if (obj) parsed.targets.push(obj);
    return;
  }
  takeUnsigned(3);
  const props: string[] = [];
  if (isOpening(4)) {
    cur.p = t.next;
    while (cur.p < cur.e && !isClosing(4)) {
      const prop = takeProperty(0);
      if (prop < 0) break;
      const index = takeUnsigned(1);
      const v = takeValue(2, prop);
      takeUnsigned(3);
      if (props.length < 4) props.push(`${propertyRef(prop, index)}=${v}`);
    }
  }
  if (obj) parsed.targets.push(obj);
  parsed.values = props.join('; ');
}

// ---- unconfirmed services ----

export function decodeUnconfirmed(service: number, parsed: Parsed, facts: IdentityDraft[]): void {
  switch (service) {
    case 0: {
      // i-Am
      const obj = takeAppObject(parsed);
      const maxApdu = takeAppUnsigned(appUnsigned);
      const segmentation = takeAppUnsigned(appEnumerated);
      const vendor = takeAppUnsigned(appUnsigned);
      if (!Number.isNaN(vendor) && cur.out.wantFields) cur.out.field('bacapp.vendor_identifier', vendor);
      if (obj) parsed.targets.push(obj);
      parsed.values = `max APDU ${maxApdu}, ${nameOr(segmentations, segmentation, 'segmentation')}, vendor ${vendor}`;
      if (parsed.objType === objectTypeDevice) facts.push({ subject: 'source', attribute: 'address', value: String(parsed.objInstance), confidence: 0.9 });
      if (!Number.isNaN(vendor)) facts.push({ subject: 'source', attribute: 'vendor-id', value: String(vendor), confidence: 0.9 });
      return;
    }
    case 1: {
      // i-Have
      const device = takeAppObject(parsed);
      const objType = parsed.objType;
      const objInstance = parsed.objInstance;
      const obj = takeAppObject();
      let name = '';
      if (isApplication(appCharacterString)) {
        cur.p = t.next;
        name = tagCharacterString(cur.b, t);
        if (cur.out.wantFields) cur.out.field('bacapp.object_name', name);
      }
      parsed.targets.push(`${obj}${name ? ` "${name}"` : ''}`);
      parsed.values = device;
      if (objType === objectTypeDevice) facts.push({ subject: 'source', attribute: 'address', value: String(objInstance), confidence: 0.9 });
      return;
    }
    case 7: {
      // who-Has
      const low = takeUnsigned(0);
      const high = takeUnsigned(1);
      const obj = takeObject(2, parsed);
      if (obj) parsed.targets.push(obj);
      else if (isContext(3)) {
        cur.p = t.next;
        const name = tagCharacterString(cur.b, t);
        if (cur.out.wantFields) cur.out.field('bacapp.object_name', name);
        parsed.targets.push(`"${name}"`);
      }
      if (!Number.isNaN(low)) parsed.values = `devices ${low}-${high}`;
      return;
    }
    case 8: {
      // who-Is
      const low = takeUnsigned(0);
      const high = takeUnsigned(1);
      if (cur.out.wantFields) {
        if (!Number.isNaN(low)) cur.out.field('bacapp.who_is.low_limit', low);
        if (!Number.isNaN(high)) cur.out.field('bacapp.who_is.high_limit', high);
      }
      parsed.targets.push(Number.isNaN(low) ? 'all devices' : `devices ${low}-${high}`);
      return;
    }
    case 6: // timeSynchronization
    case 9: {
      // utcTimeSynchronization
      const parts: string[] = [];
      for (let i = 0; i < 2 && peek() && !t.context; i++) {
        cur.p = t.next;
        parts.push(applicationValue(cur.b, t));
      }
      parsed.values = parts.join(' ');
      return;
    }
    case 2: // unconfirmedCOVNotification
    case 3: // unconfirmedEventNotification
      decodeNotification(service === 2, parsed);
      return;
    case 4: {
      // unconfirmedPrivateTransfer
      const vendor = takeUnsigned(0);
      const number = takeUnsigned(1);
      parsed.targets.push(`vendor ${vendor} service ${number}`);
      return;
    }
    default:
      return;
  }
}

// ---- responses ----

export function decodeComplexAck(service: number, parsed: Parsed, facts: IdentityDraft[]): void {
  switch (service) {
    case 12: // readProperty
    case 26: {
      // readRange
      takeObject(0, parsed);
      const prop = takeProperty(1, parsed);
      parsed.index = takeUnsigned(2);
      if (service === 26) return;
      parsed.values = takeValue(3, prop);
      identityFromProperty(parsed.objType, parsed.objInstance, prop, facts);
      if (prop === 75) deviceInValue(parsed.values, facts);
      return;
    }
    case 14: // readPropertyMultiple
      while (cur.p < cur.e) {
        const start = cur.p;
        takeObject(0, parsed);
        const objType = parsed.objType;
        const objInstance = parsed.objInstance;
        if (!isOpening(1)) return;
        cur.p = t.next;
        while (cur.p < cur.e && !isClosing(1)) {
          const prop = takeProperty(2);
          if (prop < 0) return;
          takeUnsigned(3);
          if (isOpening(4)) {
            const v = takeValue(4, prop);
            if (parsed.values.length < 120) parsed.values += `${parsed.values ? '; ' : ''}${propertyName(prop)}=${v}`;
            identityFromProperty(objType, objInstance, prop, facts);
            if (prop === 75) deviceInValue(v, facts);
          } else if (isOpening(5)) {
            cur.p = t.next;
            readErrorPair(parsed);
            parsed.problem = '';
            if (isClosing(5)) cur.p = t.next;
            else return;
          } else return;
        }
        if (isClosing(1)) cur.p = t.next;
        if (cur.p === start) return;
      }
      return;
    case 6: {
      // atomicReadFile: endOfFile, then stream or record data
      if (isApplication(1)) cur.p = t.next;
      if (isOpening(0)) {
        cur.p = t.next;
        if (peek() && !t.context && t.number === 3) cur.p = t.next;
        if (peek() && !t.context && t.number === 6) parsed.values = `${t.length} bytes`;
      }
      return;
    }
    default:
      return;
  }
}
