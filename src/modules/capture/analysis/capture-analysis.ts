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
  protocol: ProtocolId | 'ethernet';
  confidence: number;
  count: number;
  /** The earliest frames (at most evidenceFrames), in order. */
  readonly frames: number[];
  /** The frame being read when the fact was first seen: facts are listed in this order. */
  seenAt: number;
}

/**
 * What one shard of an analysis split by conversation (see decode/packet-decoder.ts, Shard) hands to
 * the merge: its conversations' counters, not yet folded, and its identity facts. Plain data (Maps,
 * Sets, arrays), so a worker thread can post it.
 */
export interface AnalysisState {
  readonly conversations: readonly ConversationStats[];
  readonly facts: readonly FactState[];
  readonly malformedReports: readonly MalformedReport[];
  readonly malformedTotal: number;
  /** Totals folded from conversations while too many were live (empty unless that happened). */
  readonly folded: FoldedTotals;
}

interface FoldedTotals {
  readonly sent: Map<string, SentStats>;
  readonly served: Map<string, Map<ProtocolId, number[]>>;
  readonly used: Map<string, Set<ProtocolId>>;
  readonly pairs: Map<string, MutablePair>;
  readonly hosts: Map<string, HostState>;
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
  /** This shard's state for mergeAnalyses(); call after the operations log is finished. */
  exportState(): AnalysisState;
  /** Takes in the shards' states (mergeAnalyses): a fresh analysis, finished next. */
  absorb(states: readonly AnalysisState[]): void;
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

  /** The frame being read (the capture clock's), which orders facts the same however the capture is split. */
  let reading = 0;
  const addFact = (host: string, attribute: IdentityFact['attribute'], value: string, confidence: number, protocol: FactState['protocol'], frame: number) => {
    const key = `${host}\u0000${attribute}\u0000${value}`;
    const fact = facts.get(key);
    if (fact) {
      fact.count++;
      if (confidence > fact.confidence) fact.confidence = confidence;
      keepEarliest(fact.frames, frame);
      return;
    }
    facts.set(key, { host, attribute, value, protocol, confidence, count: 1, frames: [frame], seenAt: reading });
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
    clock(frame: number, time: number) {
      reading = frame;
      operationsLog.clock(time);
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
      malformedReports.sort((a, b) => a.frame - b.frame);
      foldConversations();
      const hosts = summarizeHosts();
      const communications = [...pairs.values()].sort((a, b) => b.packets - a.packets);
      return { hosts, communications, operations: operationsLog.drain() };
    },
    snapshot() {
      foldConversations();
      return { hosts: summarizeHosts(), communications: [...pairs.values()].sort((a, b) => b.packets - a.packets).map((p) => ({ ...p })) };
    },
    exportState() {
      return { conversations: [...conversations.values()], facts: [...facts.values()], malformedReports, malformedTotal, folded: { sent, served, used, pairs, hosts } };
    },
    absorb(states: readonly AnalysisState[]) {
      for (const state of states) {
        absorbTotals(state.folded);
        malformedTotal += state.malformedTotal;
      }
      // a single pass meets conversations (and facts) in the order of their first frame
      const live = states.flatMap((state) => state.conversations).sort((a, b) => a.firstFrame - b.firstFrame);
      for (const stats of live) conversations.set(conversations.size + 1, stats);
      const seen = states.flatMap((state) => state.facts).sort((a, b) => a.seenAt - b.seenAt);
      for (const f of seen) {
        const key = `${f.host}\u0000${f.attribute}\u0000${f.value}`;
        const fact = facts.get(key);
        if (!fact) facts.set(key, { ...f, frames: [...f.frames] });
        else {
          fact.count += f.count;
          if (f.confidence > fact.confidence) fact.confidence = f.confidence;
          for (const frame of f.frames) keepEarliest(fact.frames, frame);
        }
      }
      const reports = states.flatMap((state) => state.malformedReports).sort((a, b) => a.frame - b.frame);
      malformedReports.push(...reports.slice(0, maxMalformedReports));
    },
  };

  /** Another shard's folded totals, added to this one's. */
  function absorbTotals(t: FoldedTotals): void {
    for (const [key, classes] of t.sent) {
      const total = sent.get(key);
      if (!total) sent.set(key, classes);
      else for (const [op, e] of classes) addSent(total, op, e);
    }
    for (const [key, protocols] of t.served) {
      const mine = served.get(key);
      if (!mine) served.set(key, protocols);
      else for (const [protocol, frames] of protocols) mine.set(protocol, cappedConcat(mine.get(protocol) ?? [], frames));
    }
    for (const [key, set] of t.used) {
      const mine = used.get(key);
      if (!mine) used.set(key, set);
      else for (const p of set) mine.add(p);
    }
    for (const [key, p] of t.pairs) {
      const mine = pairs.get(key);
      if (!mine) pairs.set(key, p);
      else {
        mine.conversations += p.conversations;
        mine.packets += p.packets;
        mine.bytes += p.bytes;
        mine.firstSeen = Math.min(mine.firstSeen, p.firstSeen);
        mine.lastSeen = Math.max(mine.lastSeen, p.lastSeen);
      }
    }
    for (const [key, h] of t.hosts) {
      const mine = hosts.get(key);
      if (!mine) {
        hosts.set(key, h);
        continue;
      }
      for (const [mac, n] of h.macs) mine.macs.set(mac, (mine.macs.get(mac) ?? 0) + n);
      mine.first = Math.min(mine.first, h.first);
      mine.last = Math.max(mine.last, h.last);
      mine.packets += h.packets;
      mine.bytes += h.bytes;
      for (const port of h.ports) mine.ports.add(port);
      for (const [protocol, e] of h.serves) {
        const entry = mine.serves.get(protocol);
        if (!entry) mine.serves.set(protocol, e);
        else {
          entry.frames = cappedConcat(entry.frames, e.frames);
          for (const peer of e.peers) entry.peers.add(peer);
        }
      }
    }
  }

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
          for (const [op, e] of classes) addSent(total, op, e);
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

function addSent(total: SentStats, op: string, e: { count: number; frames: number[]; protocol: ProtocolId }): void {
  const t = total.get(op);
  if (!t) total.set(op, { count: e.count, frames: [...e.frames], protocol: e.protocol });
  else {
    t.count += e.count;
    for (const f of e.frames) if (t.frames.length < evidenceFrames) t.frames.push(f);
  }
}

function cappedConcat(a: number[], b: readonly number[]): number[] {
  for (const f of b) if (a.length < evidenceFrames) a.push(f);
  return a;
}

/** Keeps the earliest evidenceFrames frames, in order (frames mostly come in order: a cheap check). */
function keepEarliest(frames: number[], frame: number): void {
  if (frames.length === evidenceFrames && frame >= frames[evidenceFrames - 1]!) return;
  let i = frames.length;
  while (i > 0 && frames[i - 1]! > frame) i--;
  if (frames[i - 1] === frame) return;
  frames.splice(i, 0, frame);
  if (frames.length > evidenceFrames) frames.pop();
}

/**
 * Hosts and communications of a capture analysed in shards (one state per shard), exactly as one
 * analysis of the whole capture would find them, provided no shard had to fold its conversations
 * early (past maxLiveConversations live at once, the folds happen at different points).
 */
export function mergeAnalyses(states: readonly AnalysisState[], options: AnalysisOptions = {}): { hosts: DiscoveredHost[]; communications: CommunicationPair[]; malformedReports: readonly MalformedReport[]; malformedTotal: number } {
  const merged = createCaptureAnalysis(options);
  merged.absorb(states);
  const { hosts, communications } = merged.finish(options.rules);
  return { hosts, communications, malformedReports: merged.malformedReports, malformedTotal: merged.malformedTotal };
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
