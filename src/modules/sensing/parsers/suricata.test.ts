import { describe, expect, it } from 'vitest';
import { alertSeverity, parseEvents } from './index.js';
import { readSample } from './test-samples.js';

describe('Suricata EVE samples', () => {
  const docs = parseEvents('suricata', readSample('suricata/OISF__suricata/eve-json-format.rst.examples.json'), { file: 'eve.json' });
  const tenzir = parseEvents('suricata', readSample('suricata/tenzir__tenzir/eve.lines1-6.json'));

  it('parses every record of both Suricata generations', () => {
    expect(docs.issues).toEqual([]);
    expect(tenzir.issues).toEqual([]);
    expect(docs.events.map((event) => event.origin?.stream)).toEqual(['alert', 'alert', 'fileinfo', 'http', 'anomaly', 'flow']);
    expect(tenzir.events.map((event) => event.kind)).toEqual(['alert', 'log', 'log', 'flow', 'log', 'flow']);
  });

  it('maps an alert: rule, severity, endpoints, MACs, ET metadata as labels', () => {
    const alert = docs.events[1]!;
    expect(alert.kind).toBe('alert');
    expect(alert.severity).toBe('high');
    expect(alert.time).toBe('2023-09-18T06:13:41.532Z');
    expect(alert.fields.rule).toEqual({ id: '2045001', name: 'ET ATTACK_RESPONSE Win32/LeftHook Stealer Browser Extension Config Inbound', category: 'A Network Trojan was detected' });
    expect(alert.fields.source).toEqual({ ip: '142.11.240.191', port: 35361, mac: '52:54:00:36:3e:ff' });
    expect(alert.fields.destination).toEqual({ ip: '192.168.100.237', port: 49175, mac: '12:a9:86:6c:77:de' });
    expect(alert.fields.event).toMatchObject({ action: 'allowed', dataset: 'suricata.alert', category: ['intrusion_detection'] });
    expect(alert.fields.labels).toMatchObject({ 'alert.metadata.signature_severity': 'Major', 'alert.metadata.attack_target': 'Client_Endpoint', flow_id: '1676750115612680', 'alert.gid': '1' });
    expect(alert.fields.url).toEqual({ original: '/', path: '/', domain: '142.11.240.191' });
    expect(alert.origin).toEqual({ file: 'eve.json', line: 2, stream: 'alert', frame: 130 });
    expect(docs.events[0]!.severity).toBe('medium');
    expect(docs.events[0]!.time).toBe('2017-04-07T21:24:37.251Z');
  });

  it('maps flows with bytes and packets per direction and the duration', () => {
    const flow = docs.events[5]!;
    expect(flow.kind).toBe('flow');
    expect(flow.fields.source).toEqual({ ip: '192.168.100.237', port: 49175, bytes: 3536402, packets: 3869 });
    expect(flow.fields.destination).toEqual({ ip: '142.11.240.191', port: 35361, bytes: 94102, packets: 1523 });
    expect(flow.fields.network).toEqual({ transport: 'tcp', protocol: 'http', bytes: 3536402 + 94102, packets: 3869 + 1523 });
    // end - start = 06:14:13.752 - 06:13:33.324, in nanoseconds at millisecond precision.
    expect(flow.fields.event?.duration).toBe(40_428_000_000);
    expect(flow.fields.labels).toMatchObject({ 'flow.state': 'closed', 'flow.reason': 'shutdown', 'flow.alerted': 'true' });
    const netflow = tenzir.events[5]!;
    expect(netflow.fields.network).toMatchObject({ bytes: 486, packets: 2 });
  });

  it('maps anomaly, fileinfo, http and dns records', () => {
    const anomaly = docs.events[4]!;
    expect(anomaly).toMatchObject({ kind: 'alert', severity: 'low' });
    expect(anomaly.fields.rule).toEqual({ name: 'UNABLE_TO_MATCH_RESPONSE_TO_REQUEST', category: 'applayer' });
    const file = tenzir.events[2]!;
    expect(file.fields.file).toEqual({ name: '/', hash: { md5: '70041821acf87389e40ddcb092004184', sha256: '2e4c462b3424afcc04f43429d5f001e4ef9a28143bfeefb9af2254b4df3a7c1a' } });
    expect(file.fields.url?.domain).toBe('www.nmap.org');
    expect(file.fields.labels).toMatchObject({ 'fileinfo.magic': 'HTML document, ASCII text', 'http.status': '301' });
    const http = tenzir.events[4]!;
    expect(http.fields.url?.path).toBe('/service/check2');
    expect(http.fields.labels?.['http.http_user_agent']).toBe('Google Update/1.3.21.65;winhttp');
    expect(tenzir.events[1]!.fields.dns).toEqual({ question: { name: 'irc.freenode.net', type: 'A' } });
    expect(tenzir.events[1]!.message).toBe('dns query irc.freenode.net A 147.32.84.165:1141 → 147.32.80.9:53');
    const verify = parseEvents('suricata', readSample('suricata/OISF__suricata-verify/output-eve-fileinfo/eve.json'));
    expect(verify.events[0]!.fields.file).toEqual({ name: 'eicar.com' });
    expect(verify.events[0]!.fields.url?.original).toBe('/download/eicar.com');
  });
});

describe('Suricata severities and industrial records', () => {
  it('maps severity 1/2/3/other and ET Critical', () => {
    expect([1, 2, 3, 4, undefined].map((level) => alertSeverity(level, undefined))).toEqual(['high', 'medium', 'low', 'info', 'info']);
    expect(alertSeverity(1, { signature_severity: ['Critical'] })).toBe('critical');
  });

  const base = '"timestamp":"2024-01-01T00:00:00.000000+0000","src_ip":"10.0.0.1","src_port":50000,"dest_ip":"10.0.0.2","proto":"TCP"';

  it('maps modbus, dnp3 and enip records to operations', () => {
    const text = [
      `{${base},"dest_port":502,"event_type":"modbus","modbus":{"id":1,"request":{"transaction_id":1,"unit_id":3,"function_raw":16,"function_code":"WrMultRegs","access_type":"WRITE | HOLDING","write":{"address":100,"quantity":10}},"response":{"transaction_id":1,"unit_id":3,"function_raw":144,"exception":{"raw":2,"code":"IllegalDataAddr"}}}}`,
      `{${base},"dest_port":20000,"event_type":"dnp3","dnp3":{"type":"request","dst":4,"src":3,"application":{"function_code":13}}}`,
      `{${base},"dest_port":44818,"event_type":"enip","enip":{"request":{"command":"List Identity"},"response":{"status":"SUCCESS"}}}`,
      `{${base},"dest_port":44818,"event_type":"enip","enip":{"request":{"command":"Send RR Data","cip":{"service":"Set Attribute Single"}}}}`,
    ].join('\n');
    const result = parseEvents('suricata', text);
    expect(result.issues).toEqual([]);
    expect(result.events.map((event) => event.fields.ics)).toEqual([
      { protocol: 'modbus', operation: 'write', function: 'Write Multiple Registers', code: 16, target: 'address 100-109', unit: 3, result: 'exception', values: 'IllegalDataAddr' },
      { protocol: 'dnp3', operation: 'restart', function: 'Cold Restart', code: 13, unit: 4 },
      { protocol: 'enip', operation: 'discovery', function: 'List Identity', result: 'ok' },
      { protocol: 'enip', operation: 'write', function: 'Set Attribute Single' },
    ]);
    expect(result.events.map((event) => [event.kind, event.severity])).toEqual([
      ['operation', 'low'],
      ['operation', 'low'],
      ['operation', 'info'],
      ['operation', 'info'],
    ]);
  });

  it('keeps an unknown event_type as a log with its fields as labels', () => {
    const event = parseEvents('suricata', `{${base},"dest_port":443,"event_type":"tls","tls":{"sni":"example.org","version":"TLS 1.3"}}`).events[0]!;
    expect(event.kind).toBe('log');
    expect(event.fields.labels).toEqual({ 'tls.sni': 'example.org', 'tls.version': 'TLS 1.3' });
  });

  it('reports broken lines with their number and keeps the rest', () => {
    const text = [
      `{${base},"event_type":"flow","flow":{}}`,
      '{"timestamp":"2024-01-01T00:00:00Z","event_type":"alert"',
      `{${base}}`,
      '{"event_type":"dns","timestamp":"yesterday"}',
      '[1,2]',
      '',
      `{${base},"event_type":"dns","dns":{"type":"query","rrname":"a.example"}}`,
    ].join('\n');
    const result = parseEvents('suricata', text);
    expect(result.events.map((event) => event.origin?.line)).toEqual([1, 7]);
    expect(result.issues.map((issue) => [issue.line, issue.path])).toEqual([
      [2, ''],
      [3, 'event_type'],
      [4, 'timestamp'],
      [5, ''],
    ]);
  });
});
