// Event parser speed, in process on one core: lines/s per format over the real samples in
// ../shared/data/logs, repeated in memory to about a million lines (the same line objects, so memory
// holds the samples, not a million copies), fed through createLineParser as `events import` and the
// file sources do. Also the RFC 6587 frame decoder over an octet-counted stream of the syslog samples.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { createLineParser, createSyslogFrameDecoder, type ParseOrigin, type ParserFormat } from '../src/modules/sensing/parsers/index.js';
import { medianRate, progress, repoRoot, report, round, type BenchCase } from './support.js';

const logs = join(repoRoot, '..', 'shared', 'data', 'logs');
const target = 1_000_000;
const runs = 3;

function sample(relative: string): string[] {
  const bytes = readFileSync(join(logs, relative));
  return (relative.endsWith('.gz') ? gunzipSync(bytes) : bytes).toString('utf8').split(/\r?\n/).filter((line) => line.length > 0);
}

/** Header lines once, then the data lines repeated until about `target` lines. */
function repeated(lines: readonly string[], isHeader: (line: string) => boolean = () => false): string[] {
  const header = lines.filter(isHeader);
  const data = lines.filter((line) => !isHeader(line));
  const out = [...header];
  while (out.length < target) for (const line of data) out.push(line);
  return out;
}

interface ParseSet {
  readonly format: ParserFormat;
  readonly set: string;
  readonly lines: () => string[];
  readonly origin?: ParseOrigin;
}

const zeekHeader = (line: string) => line.startsWith('#');
const received = new Date('2024-06-01T00:00:00Z');

/** A Winlogbeat-shaped 4688 and a Sysmon 3 record, written here (no Windows samples in ../shared/data). */
const winEvents = [
  JSON.stringify({ '@timestamp': '2024-03-01T08:17:00.000Z', winlog: { channel: 'Security', event_id: 4688, provider_name: 'Microsoft-Windows-Security-Auditing', computer_name: 'EWS-01', event_data: { NewProcessName: 'C:\\Windows\\System32\\cmd.exe', NewProcessId: '0x1a4', CommandLine: 'cmd.exe /c whoami', ParentProcessName: 'C:\\Windows\\explorer.exe', SubjectUserName: 'eng', SubjectDomainName: 'PLANT' } } }),
  JSON.stringify({ TimeCreated: '2024-03-01T10:00:05Z', EventID: 3, Provider: 'Microsoft-Windows-Sysmon', Computer: 'EWS-01', EventData: { Image: 'C:\\Tools\\plcscan.exe', ProcessId: '5120', Protocol: 'tcp', SourceIp: '10.20.1.15', SourcePort: '50001', DestinationIp: '10.20.1.10', DestinationPort: '102', User: 'PLANT\\eng' } }),
];

const sets: readonly ParseSet[] = [
  { format: 'zeek', set: 'zeek-modbus-tsv (brimdata)', lines: () => repeated(sample('zeek/brimdata__zed-sample-data/zeek-default/modbus.log.gz'), zeekHeader) },
  { format: 'zeek', set: 'zeek-notice-json (brimdata)', lines: () => repeated(sample('zeek/brimdata__zed-sample-data/zeek-json/notice.json.gz')) },
  { format: 'zeek', set: 'zeek-s7comm-tsv (icsnpp)', lines: () => repeated(sample('zeek/cisagov__icsnpp-s7comm/analyzer.snap7/s7comm.log'), zeekHeader), origin: { receivedAt: received, invalidTime: 'use-received' } },
  { format: 'zeek', set: 'zeek-conn-tsv (icsnpp)', lines: () => repeated(sample('zeek/cisagov__icsnpp-dnp3/analyzer.basic/conn.log'), zeekHeader), origin: { receivedAt: received, invalidTime: 'use-received' } },
  { format: 'suricata', set: 'suricata-eve (OISF docs + tenzir)', lines: () => repeated([...sample('suricata/OISF__suricata/eve-json-format.rst.examples.json'), ...sample('suricata/tenzir__tenzir/eve.lines1-6.json')]) },
  { format: 'syslog', set: 'syslog-5424+3164 (tenzir)', lines: () => repeated([...sample('syslog/tenzir__tenzir/syslog.log'), ...sample('syslog/tenzir__tenzir/syslog-rfc3164.log')]), origin: { receivedAt: received } },
  { format: 'winevent', set: 'winevent (written here)', lines: () => repeated(winEvents) },
];

const measure = (lines: number, run: () => void) => medianRate(lines, run, runs);

export const eventsParse: BenchCase = {
  id: 'events-parse',
  async run() {
    for (const entry of sets) {
      const lines = entry.lines();
      let events = 0;
      let issues = 0;
      const r = measure(lines.length, () => {
        events = 0;
        issues = 0;
        const parser = createLineParser(entry.format, entry.origin ?? {});
        for (let i = 0; i < lines.length; i++) {
          const out = parser.push(lines[i] as string, i + 1);
          events += out.events.length;
          issues += out.issues.length;
        }
        events += parser.end().events.length;
      });
      if (issues > 0 || events === 0) throw new Error(`${entry.set}: ${events} events, ${issues} issues`);
      progress(`events-parse: ${entry.set}: ${lines.length} lines, ${events} events, ${r.wall} lines/s`);
      report({ bench: 'events-parse', metric: 'lines_per_s', value: r.wall, unit: 'lines/s', n: lines.length, format: entry.format, set: entry.set });
      report({ bench: 'events-parse', metric: 'lines_per_cpu_s', value: r.cpu, unit: 'lines/cpu-s', n: lines.length, format: entry.format, set: entry.set });
    }
    // RFC 6587 octet counting: the syslog samples framed and split into 64 KiB chunks, as a TCP socket delivers them.
    const messages = [...sample('syslog/tenzir__tenzir/syslog.log'), ...sample('syslog/tenzir__tenzir/syslog-rfc3164.log')];
    const encoder = new TextEncoder();
    const framed = messages.map((message) => `${encoder.encode(message).length} ${message}`).join('');
    const wire = encoder.encode(framed.repeat(Math.ceil(target / messages.length)));
    const frameCount = Math.ceil(target / messages.length) * messages.length;
    const chunks: Uint8Array[] = [];
    for (let at = 0; at < wire.length; at += 65536) chunks.push(wire.subarray(at, at + 65536));
    let frames = 0;
    const r = measure(frameCount, () => {
      frames = 0;
      const decoder = createSyslogFrameDecoder();
      for (const chunk of chunks) frames += decoder.push(chunk).frames.length;
      frames += decoder.end().frames.length;
    });
    if (frames !== frameCount) throw new Error(`frame decoder: ${frames} of ${frameCount} frames`);
    report({ bench: 'events-parse', metric: 'frames_per_s', value: r.wall, unit: 'frames/s', n: frameCount, format: 'syslog-octet-counting', set: 'syslog samples (tenzir)' });
    report({ bench: 'events-parse', metric: 'megabytes_per_s', value: round((wire.length / 1e6) * (r.wall / frameCount), 1), unit: 'MB/s', n: wire.length, format: 'syslog-octet-counting', set: 'syslog samples (tenzir)' });
  },
};
