import { matches, type Candidate, type ScanText } from './candidate.js';
import type { IndicatorType } from './types.js';

/** One way of writing a term; `value` is the canonical name reported. */
export interface Phrase {
  readonly type: IndicatorType;
  readonly value: string;
  readonly text: string;
  /** Acronyms that are also everyday words or other things ("MMS", "GOOSE", "CIP") match only as written. */
  readonly caseSensitive: boolean;
  readonly confidence: number;
}

interface ProtocolName {
  readonly value: string;
  readonly spellings: readonly string[];
  /** Spellings that must match exactly as written. */
  readonly exact?: readonly string[];
}

// Industrial protocol names and the ways reports write them.
const protocolNames: readonly ProtocolName[] = [
  { value: 'Modbus', spellings: ['Modbus', 'Modbus/TCP', 'Modbus TCP', 'Modbus-TCP', 'Modbus RTU', 'ModbusTCP'] },
  { value: 'DNP3', spellings: ['DNP3', 'DNP 3', 'DNP 3.0', 'DNP3.0'] },
  { value: 'S7comm', spellings: ['S7comm', 'S7 comm', 'S7-comm', 'S7 communication'] },
  { value: 'S7comm-plus', spellings: ['S7comm-plus', 'S7commPlus', 'S7comm+', 'S7-plus'] },
  { value: 'EtherNet/IP', spellings: ['EtherNet/IP', 'ENIP'] },
  { value: 'CIP', spellings: ['Common Industrial Protocol'], exact: ['CIP'] },
  { value: 'IEC 60870-5-104', spellings: ['IEC 104', 'IEC-104', 'IEC 60870-5-104', 'IEC60870-5-104', 'IEC 870-5-104'] },
  { value: 'IEC 60870-5-101', spellings: ['IEC 101', 'IEC-101', 'IEC 60870-5-101', 'IEC60870-5-101'] },
  { value: 'IEC 61850', spellings: ['IEC 61850', 'IEC61850', 'IEC-61850'] },
  { value: 'GOOSE', spellings: [], exact: ['GOOSE'] },
  { value: 'MMS', spellings: ['Manufacturing Message Specification'], exact: ['MMS'] },
  { value: 'BACnet', spellings: ['BACnet', 'BACnet/IP', 'BACnet MS/TP'] },
  { value: 'OPC UA', spellings: ['OPC UA', 'OPC-UA', 'OPCUA', 'OPC Unified Architecture'] },
  { value: 'OPC DA', spellings: ['OPC DA', 'OPC-DA', 'OPC Classic'] },
  { value: 'PROFINET', spellings: ['PROFINET', 'PROFINET DCP', 'PROFINET IO'] },
  { value: 'PROFIBUS', spellings: ['PROFIBUS', 'PROFIBUS DP'] },
  { value: 'FINS', spellings: [], exact: ['FINS'] },
  { value: 'MQTT', spellings: ['MQTT'] },
  { value: 'HART-IP', spellings: ['HART-IP', 'HART IP'] },
  { value: 'EtherCAT', spellings: ['EtherCAT'] },
  { value: 'CC-Link', spellings: ['CC-Link', 'CC-Link IE'] },
  { value: 'Niagara Fox', spellings: ['Niagara Fox'] },
  { value: 'ICCP', spellings: ['TASE.2'], exact: ['ICCP'] },
  { value: 'TriStation', spellings: ['TriStation'] },
  { value: 'PCCC', spellings: [], exact: ['PCCC'] },
  { value: 'SLMP', spellings: [], exact: ['SLMP'] },
  { value: 'KNX', spellings: ['KNXnet/IP'], exact: ['KNX'] },
  { value: 'PCOM', spellings: [], exact: ['PCOM'] },
];

export const protocolPhrases: readonly Phrase[] = protocolNames.flatMap((p) => [
  ...p.spellings.map((text) => ({ type: 'protocol' as const, value: p.value, text, caseSensitive: false, confidence: 0.9 })),
  ...(p.exact ?? []).map((text) => ({ type: 'protocol' as const, value: p.value, text, caseSensitive: true, confidence: 0.8 })),
]);

/** Names from the knowledge base; names of three characters or fewer ("ABB", "GE") match only as written. */
export function listPhrases(type: 'vendor' | 'product', names: readonly string[]): Phrase[] {
  const out: Phrase[] = [];
  for (const raw of names) {
    if (typeof raw !== 'string') continue; // lists come from outside: skip what is not a name
    const name = raw.trim().replace(/\s+/g, ' ');
    if (name.length < 2) continue;
    out.push({ type, value: name, text: name, caseSensitive: name.length <= 3, confidence: 0.9 });
  }
  return out;
}

// Scripts that separate words with spaces: a name written in them must stand on word boundaries.
// Names in Chinese or Japanese have no such boundaries and are found wherever they occur.
// Bounded: a unicode-mode loop over millions of letters exhausts V8's regexp stack.
const wordRe = /[\p{Script=Latin}\p{Script=Cyrillic}\p{Script=Greek}\p{N}_]{1,256}/gu;
const wordChar = /[\p{Script=Latin}\p{Script=Cyrillic}\p{Script=Greek}\p{N}_]/u;
const firstWord = /^[\p{Script=Latin}\p{Script=Cyrillic}\p{Script=Greek}\p{N}_]{1,256}/u;

// Things that share a spelling with a protocol but are something else: NERC CIP is a standard.
const notProtocol: readonly RegExp[] = [/NERC[ -]$/];

/**
 * Phrases of every type indexed by their first word (lower case), longest first; at each word the
 * longest phrase of each type wins, so a vendor inside a product name is still a vendor mention.
 */
export class PhraseMatcher {
  private readonly byFirstWord = new Map<string, Phrase[]>();
  private readonly unspaced: Phrase[] = [];

  constructor(phrases: readonly Phrase[]) {
    const seen = new Set<string>();
    for (const p of phrases) {
      const key = `${p.type}\u0000${p.caseSensitive ? p.text : p.text.toLowerCase()}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const first = firstWord.exec(p.text)?.[0];
      if (first === undefined) {
        this.unspaced.push(p);
        continue;
      }
      const bucket = this.byFirstWord.get(first.toLowerCase()) ?? [];
      bucket.push(p);
      this.byFirstWord.set(first.toLowerCase(), bucket);
    }
    for (const bucket of this.byFirstWord.values()) bucket.sort((a, b) => b.text.length - a.text.length);
  }

  candidates(scan: ScanText): Candidate[] {
    const { text } = scan;
    const out: Candidate[] = [];
    const coveredUntil = new Map<IndicatorType, number>();
    for (const m of matches(wordRe, text)) {
      // A chunk of an overlong run is not a word start.
      if (m.index > 0 && wordChar.test(text.charAt(m.index - 1))) continue;
      const bucket = this.byFirstWord.get(m[0].toLowerCase());
      if (bucket === undefined) continue;
      const done = new Set<IndicatorType>();
      for (const p of bucket) {
        if (done.has(p.type) || (coveredUntil.get(p.type) ?? 0) > m.index || !this.matchesAt(text, m.index, p)) continue;
        done.add(p.type);
        coveredUntil.set(p.type, m.index + p.text.length);
        out.push({ type: p.type, value: p.value, start: m.index, end: m.index + p.text.length, confidence: p.confidence });
      }
    }
    for (const p of this.unspaced) {
      for (let at = text.indexOf(p.text); at >= 0; at = text.indexOf(p.text, at + p.text.length)) {
        if (this.matchesAt(text, at, p)) out.push({ type: p.type, value: p.value, start: at, end: at + p.text.length, confidence: p.confidence });
      }
    }
    return out;
  }

  private matchesAt(text: string, at: number, p: Phrase): boolean {
    const slice = text.slice(at, at + p.text.length);
    if (p.caseSensitive ? slice !== p.text : slice.toLowerCase() !== p.text.toLowerCase()) return false;
    const after = text.charAt(at + p.text.length);
    if (after !== '' && wordChar.test(after) && wordChar.test(p.text.charAt(p.text.length - 1))) return false;
    if (p.type === 'protocol') {
      const before = text.slice(Math.max(0, at - 8), at);
      if (notProtocol.some((r) => r.test(before))) return false;
    }
    return true;
  }
}
