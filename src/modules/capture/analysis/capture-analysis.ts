// The consumer of a capture: a CaptureSink that keeps per-conversation counters on the hot path and
// turns them, with the dissectors' identity facts and operations, into hosts, communications and
// the operations log when the capture ends.
import type { IdentityDraft, OperationDraft, OperationOutcome, ProtocolId } from '../dissectors/types.js';
import { compileRules, identify, type CompiledRule, type FingerprintRule } from '../fingerprints/rules.js';
import type { CaptureSink, Conversation, FrameInfo, MalformedLayer, PduAt } from '../types.js';
import { createOperationsLog, type OperationsLog } from './operations-log.js';
import type { OuiRegistry } from './oui.js';
import { inferRoles, type HostBehaviour } from './roles.js';
import type {
  CommunicationPair,
  DiscoveredHost,
  IdentityFact,
  MalformedReport,
  OperationRecord,
} from './types.js';

const maxMalformedReports = 1000;
const evidenceFrames = 5;

type SentStats = Map<string, { count: number; frames: number[]; protocol: ProtocolId }>;

interface ConversationStats {
  readonly conversation: Conversation;
  packets: number;
  bytes: number;
  first: number;
  last: number;
  firstFrame: number;
  /** Operation classes each side sent: [client, server]. */
  sent: [SentStats | undefined, SentStats | undefined];
  /** Frames where each side answered a request: [client, server]. */
  answered: [number[] | undefined, number[] | undefined];
}

/** Past this many live conversations, their counters fold into per-host and per-pair totals. */
const maxLiveConversations = 100_000;

interface FactState {
  readonly host: string;
  readonly attribute: IdentityFact['attribute'];
  readonly value: string;
  readonly protocol: ProtocolId | 'ethernet';
  confidence: number;
  count: number;
  readonly frames: number[];
}

export interface CaptureAnalysis extends CaptureSink {
  readonly operations: OperationsLog;
  /** Every malformed report up to a bound, and the total. */
  readonly malformedReports: readonly MalformedReport[];
  readonly malformedTotal: number;
  /** Frames seen so far (for progress reports while reading). */
  readonly frames: number;
  /** Hosts and communications once the capture is done (closes the operations log). */
  /**
   * Ends the analysis. `rules` replaces the fingerprint rules given at creation: identities are only
   * decided here, so an analysis started before its organisation's rules were read can still use them.
   */
  finish(rules?: readonly FingerprintRule[]): { hosts: DiscoveredHost[]; communications: CommunicationPair[]; operations: OperationRecord[] };
  /**
   * Hosts and communications so far, for a capture that goes on (a live sensor): the operations log
   * stays open. Conversations fold into totals, as they do when too many are live.
   */
  snapshot(): { hosts: DiscoveredHost[]; communications: CommunicationPair[] };
}

export interface AnalysisOptions {
  readonly oui?: OuiRegistry | undefined;
  readonly rules?: readonly FingerprintRule[] | undefined;
  readonly wantFields?: boolean;
  /** Live conversations tracked one by one before they fold into totals (tests lower it). */
  readonly maxLiveConversations?: number;
}

export function createCaptureAnalysis(options: AnalysisOptions = {}): CaptureAnalysis {
  const conversations = new Map<number, ConversationStats>();
  const facts = new Map<string, FactState>();
  const operationsLog = createOperationsLog();
  const malformedReports: MalformedReport[] = [];
  let malformedTotal = 0;
  let frames = 0;
  /** Per-host totals folded from conversations: operation classes sent, protocols answered and used. */
  const sent = new Map<string, SentStats>();
  const served = new Map<string, Map<ProtocolId, number[]>>();
  const used = new Map<string, Set<ProtocolId>>();
  /** Per-pair totals folded from conversations that are no longer tracked one by one. */
  const pairs = new Map<string, MutablePair>();
  let compiled: CompiledRule[] = compileRules(options.rules ?? []);

  const hostOf = (c: Conversation, client: boolean) => {
    const e = client ? c.client : c.server;
    return e.ip ?? e.mac;
  };

  const addFact = (host: string, attribute: IdentityFact['attribute'], value: string, confidence: number, protocol: FactState['protocol'], frame: number) => {
    const key = `${host}\u0000${attribute}\u0000${value}`;
    const fact = facts.get(key);
    if (fact) {
      fact.count++;
      if (confidence > fact.confidence) fact.confidence = confidence;
      if (fact.frames.length < evidenceFrames) fact.frames.push(frame);
      return;
    }
    facts.set(key, { host, attribute, value, protocol, confidence, count: 1, frames: [frame] });
  };

  const sink: CaptureAnalysis = {
    wantFields: options.wantFields ?? false,
    operations: operationsLog,
    malformedReports,
    get malformedTotal() {
      return malformedTotal;
    },
    get frames() {
      return frames;
    },
    frame(info: FrameInfo) {
      frames++;
      const c = info.conversation;
      if (!c) return;
      const stats = statsOf(c, info.time, info.frame);
      stats.packets++;
      stats.bytes += info.length;
      stats.last = info.time;
    },
    field() {
      // fields are for the differential test; the analysis works from operations and identity
    },
    operation(at: PduAt, op: OperationDraft) {
      operationsLog.operation(at, op);
      const stats = statsOf(at.conversation, at.time, at.frame);
      const side = at.fromClient ? 0 : 1;
      let classes = stats.sent[side];
      if (!classes) stats.sent[side] = classes = new Map();
      const entry = classes.get(op.operation);
      if (entry) {
        entry.count++;
        if (entry.frames.length < evidenceFrames) entry.frames.push(at.frame);
      } else classes.set(op.operation, { count: 1, frames: [at.frame], protocol: at.protocol });
    },
    outcome(at: PduAt, pairKey: string, outcome: OperationOutcome) {
      operationsLog.outcome(at, pairKey, outcome);
      // whoever answers a protocol serves it
      const stats = statsOf(at.conversation, at.time, at.frame);
      const side = at.fromClient ? 0 : 1;
      const frames = stats.answered[side];
      if (!frames) stats.answered[side] = [at.frame];
      else if (frames.length < evidenceFrames) frames.push(at.frame);
    },
    identity(at: PduAt, fact: IdentityDraft) {
      const fromSender = fact.subject === 'source';
      const host = hostOf(at.conversation, fromSender ? at.fromClient : !at.fromClient);
      addFact(host, fact.attribute, fact.value, fact.confidence, at.protocol, at.frame);
    },
    malformed(frame: number, layer: MalformedLayer, reason: string) {
      malformedTotal++;
      if (malformedReports.length < maxMalformedReports) malformedReports.push({ frame, layer, reason });
    },
    finish(rules) {
      if (rules !== undefined) compiled = compileRules(rules);
      operationsLog.finish();
      foldConversations();
      const hosts = summarizeHosts();
      const communications = [...pairs.values()].sort((a, b) => b.packets - a.packets);
      return { hosts, communications, operations: operationsLog.drain() };
    },
    snapshot() {
      foldConversations();
      return { hosts: summarizeHosts(), communications: [...pairs.values()].sort((a, b) => b.packets - a.packets).map((p) => ({ ...p })) };
    },
  };

  function statsOf(c: Conversation, time: number, frame: number): ConversationStats {
    let stats = conversations.get(c.id);
    if (stats) return stats;
    if (conversations.size >= (options.maxLiveConversations ?? maxLiveConversations)) foldConversations();
    stats = { conversation: c, packets: 0, bytes: 0, first: time, last: time, firstFrame: frame, sent: [undefined, undefined], answered: [undefined, undefined] };
    conversations.set(c.id, stats);
    return stats;
  }

  /**
   * Folds per-conversation counters into per-host and per-pair totals and forgets the conversations,
   * so memory follows hosts and pairs, not connections. (A conversation still live at a fold is
   * counted again in its pair's `conversations` if it goes on: a small overcount, bounded memory.)
   */
  function foldConversations(): void {
    for (const s of conversations.values()) {
      const c = s.conversation;
      addToPair(pairs, s);
      for (const side of [0, 1] as const) {
        const host = hostOf(c, side === 0);
        const classes = s.sent[side];
        if (classes) {
          let total = sent.get(host);
          if (!total) sent.set(host, (total = new Map()));
          for (const [op, e] of classes) {
            const t = total.get(op);
            if (!t) total.set(op, { count: e.count, frames: [...e.frames], protocol: e.protocol });
            else {
              t.count += e.count;
              for (const f of e.frames) if (t.frames.length < evidenceFrames) t.frames.push(f);
            }
          }
        }
        const answered = s.answered[side];
        if (answered && c.protocol) {
          let protocols = served.get(host);
          if (!protocols) served.set(host, (protocols = new Map()));
          const frames = protocols.get(c.protocol) ?? [];
          for (const f of answered) if (frames.length < evidenceFrames) frames.push(f);
          protocols.set(c.protocol, frames);
        }
      }
      if (c.protocol && c.transport !== 'ethernet' && (s.sent[0] || s.answered[1])) {
        const client = hostOf(c, true);
        let set = used.get(client);
        if (!set) used.set(client, (set = new Set()));
        set.add(c.protocol);
      }
      foldHost(s);
    }
    conversations.clear();
  }

  interface HostState {
    key: string;
    ip: string | null;
    macs: Map<string, number>;
    first: number;
    last: number;
    packets: number;
    bytes: number;
    ports: Set<number>;
    serves: Map<ProtocolId, { frames: number[]; peers: Set<string>; port: number | null }>;
  }
  const hosts = new Map<string, HostState>();
  const host = (e: Conversation['client']): HostState => {
    const key = e.ip ?? e.mac;
    let h = hosts.get(key);
    if (!h) {
      h = { key, ip: e.ip ?? null, macs: new Map(), first: Infinity, last: 0, packets: 0, bytes: 0, ports: new Set(), serves: new Map() };
      hosts.set(key, h);
    }
    return h;
  };
  function foldHost(s: ConversationStats): void {
    const c = s.conversation;
    for (const side of [c.client, c.server]) {
      // a broadcast or multicast destination is an audience, not a station
      if (!isUnicast(side)) continue;
      const h = host(side);
      if (side.mac) h.macs.set(side.mac, (h.macs.get(side.mac) ?? 0) + s.packets);
      h.first = Math.min(h.first, s.first);
      h.last = Math.max(h.last, s.last);
      h.packets += s.packets;
      h.bytes += s.bytes;
    }
    // on layer 2 the sender publishes (GOOSE) or answers (DCP identify): it is the one that "serves"
    const providerSide = c.transport === 'ethernet' ? c.client : c.server;
    if (c.protocol && isUnicast(providerSide)) {
      const provider = host(providerSide);
      if (c.server.port !== undefined && c.transport !== 'ethernet') provider.ports.add(c.server.port);
      let entry = provider.serves.get(c.protocol);
      if (!entry) provider.serves.set(c.protocol, (entry = { frames: [], peers: new Set(), port: c.transport === 'ethernet' ? null : (c.server.port ?? null) }));
      if (entry.frames.length < evidenceFrames) entry.frames.push(s.firstFrame);
      entry.peers.add(hostOf(c, c.transport !== 'ethernet'));
    }
  }

  function summarizeHosts(): DiscoveredHost[] {
    // Answers observed through outcomes confirm service even when the conversation guess was off.
    for (const [key, protocols] of served) {
      const h = hosts.get(key);
      if (!h) continue;
      for (const [protocol, frames] of protocols) {
        if (!h.serves.has(protocol)) h.serves.set(protocol, { frames, peers: new Set(), port: null });
      }
    }
    const factsByHost = new Map<string, IdentityFact[]>();
    for (const f of facts.values()) {
      const list = factsByHost.get(f.host) ?? [];
      list.push({ attribute: f.attribute, value: f.value, confidence: f.confidence, evidence: { protocol: f.protocol, frames: f.frames, count: f.count } });
      factsByHost.set(f.host, list);
    }
    const result: DiscoveredHost[] = [];
    for (const h of hosts.values()) {
      const mac = [...h.macs.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? null;
      const macVendor = mac ? (options.oui?.lookup(mac) ?? null) : null;
      const hostFacts = factsByHost.get(h.key) ?? [];
      if (macVendor && mac) hostFacts.push({ attribute: 'mac-vendor', value: macVendor, confidence: 0.5, evidence: { protocol: 'ethernet', frames: [], count: h.packets } });
      const behaviour: HostBehaviour = {
        serves: new Map([...h.serves].map(([p, e]) => [p, { frames: e.frames, peers: e.peers.size, port: e.port }])),
        sent: sent.get(h.key) ?? new Map(),
        uses: used.get(h.key) ?? new Set(),
        hints: hostFacts.filter((f) => f.attribute === 'role-hint'),
      };
      const roles = inferRoles(behaviour);
      const top = roles[0];
      const identity = identify(
        {
          serves: new Set(h.serves.keys()),
          uses: behaviour.uses,
          ports: h.ports,
          roles: new Set(roles.map((r) => r.role)),
          facts: hostFacts,
        },
        compiled,
        top ? { role: top.role, confidence: top.confidence } : undefined,
      );
      result.push({
        key: h.key,
        ip: h.ip,
        mac,
        macVendor,
        firstSeen: h.first === Infinity ? 0 : h.first,
        lastSeen: h.last,
        packets: h.packets,
        bytes: h.bytes,
        serves: [...h.serves.keys()].sort(),
        uses: [...behaviour.uses].sort(),
        roles,
        facts: hostFacts,
        identity,
      });
    }
    return result.sort((a, b) => a.key.localeCompare(b.key, 'en', { numeric: true }));
  }

  return sink;
}

/** False for broadcast, multicast and unspecified addresses (IPv4, IPv6 and MAC). */
export function isUnicast(e: { readonly ip?: string | undefined; readonly mac: string }): boolean {
  if (e.ip !== undefined) {
    if (e.ip === '255.255.255.255' || e.ip === '0.0.0.0' || e.ip === '::') return false;
    if (e.ip.includes(':')) return !e.ip.toLowerCase().startsWith('ff');
    const first = Number(e.ip.slice(0, e.ip.indexOf('.')));
    return first < 224 || first > 239;
  }
  if (e.mac === '') return true;
  // the group bit: least significant bit of the first octet
  return (Number.parseInt(e.mac.slice(0, 2), 16) & 1) === 0;
}

type MutablePair = { -readonly [K in keyof CommunicationPair]: CommunicationPair[K] };

function addToPair(pairs: Map<string, MutablePair>, s: ConversationStats): void {
  const c = s.conversation;
  const client = c.client.ip ?? c.client.mac;
  const server = c.server.ip ?? c.server.mac;
  const port = c.transport === 'ethernet' ? null : (c.server.port ?? null);
  const key = `${client}|${server}|${c.transport}|${c.protocol ?? port}`;
  const pair = pairs.get(key);
  if (pair) {
    pair.conversations++;
    pair.packets += s.packets;
    pair.bytes += s.bytes;
    pair.firstSeen = Math.min(pair.firstSeen, s.first);
    pair.lastSeen = Math.max(pair.lastSeen, s.last);
    return;
  }
  pairs.set(key, {
    client,
    server,
    clientMac: c.client.mac || null,
    serverMac: c.server.mac || null,
    transport: c.transport,
    port,
    protocol: c.protocol ?? null,
    conversations: 1,
    packets: s.packets,
    bytes: s.bytes,
    firstSeen: s.first,
    lastSeen: s.last,
  });
}
