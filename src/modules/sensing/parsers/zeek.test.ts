import { describe, expect, it } from 'vitest';
import type { EventDraft } from '../types.js';
import { parseEvents } from './index.js';
import { readSample } from './test-samples.js';

const received = new Date('2024-05-01T00:00:00Z');

/** btest baselines mask `ts`: those tests keep the records with the received time. */
function baseline(relative: string) {
  return parseEvents('zeek', readSample(`zeek/${relative}`), { file: relative, receivedAt: received, invalidTime: 'use-received' });
}

function at(result: { events: EventDraft[] }, line: number): EventDraft {
  const found = result.events.find((event) => event.origin?.line === line);
  if (!found) throw new Error(`no event from line ${line}`);
  return found;
}

function count(events: readonly EventDraft[], pick: (event: EventDraft) => string | undefined): Record<string, number> {
  const out: Record<string, number> = {};
  for (const event of events) {
    const key = pick(event) ?? '-';
    out[key] = (out[key] ?? 0) + 1;
  }
  return out;
}

describe('Zeek TSV with real timestamps (brimdata)', () => {
  const modbus = parseEvents('zeek', readSample('zeek/brimdata__zed-sample-data/zeek-default/modbus.log.gz'), { file: 'modbus.log' });

  it('reads every Modbus record with its time, endpoints, unit and function code', () => {
    expect(modbus.issues).toEqual([]);
    expect(modbus.events).toHaveLength(268);
    const first = modbus.events[0]!;
    expect(first.time).toBe('2018-03-24T17:15:33.511Z');
    expect(first.kind).toBe('operation');
    expect(first.fields.source).toEqual({ ip: '10.128.0.242', port: 56952 });
    expect(first.fields.destination).toEqual({ ip: '10.47.8.54', port: 502 });
    expect(first.fields.ics).toEqual({ protocol: 'modbus', operation: 'other', function: 'Function 100', code: 100, unit: 34 });
    expect(first.fields.labels).toMatchObject({ uid: 'CYmWSL3iXSKUncv8Zg', tid: '31498', pdu_type: 'REQ' });
    expect(first.fields.event?.dataset).toBe('zeek.modbus');
    expect(first.origin).toEqual({ file: 'modbus.log', line: 9, stream: 'modbus' });
    expect(count(modbus.events, (event) => String(event.fields.ics?.code))).toEqual({ '100': 223, '34': 45 });
  });

  it('gives the same drafts from the JSON form of the same log, apart from raw text and line', () => {
    const json = parseEvents('zeek', readSample('zeek/brimdata__zed-sample-data/zeek-json/modbus.json.gz'), { file: 'modbus.json' });
    expect(json.issues).toEqual([]);
    expect(json.events).toHaveLength(268);
    const strip = (event: EventDraft) => ({ ...event, raw: undefined, origin: undefined, fields: { ...event.fields, labels: { ...event.fields.labels } } });
    expect(json.events.map(strip)).toEqual(modbus.events.map(strip));
  });

  it('maps notices to alerts named by the note', () => {
    const notices = parseEvents('zeek', readSample('zeek/brimdata__zed-sample-data/zeek-default/notice.log.gz'));
    expect(notices.issues).toEqual([]);
    expect(notices.events).toHaveLength(207);
    const first = notices.events[0]!;
    expect(first.kind).toBe('alert');
    expect(first.severity).toBe('medium');
    expect(first.fields.rule?.name).toBe('SSL::Invalid_Server_Cert');
    expect(first.message).toBe('SSL::Invalid_Server_Cert: SSL certificate validation failed with (unable to get local issuer certificate)');
    expect(first.fields.destination).toEqual({ ip: '10.47.3.200', port: 443 });
    expect(first.fields.network?.transport).toBe('tcp');
    const json = parseEvents('zeek', readSample('zeek/brimdata__zed-sample-data/zeek-json/notice.json.gz'));
    expect(json.events).toHaveLength(207);
    expect(json.events[0]!.fields.rule).toEqual(first.fields.rule);
  });

  it("maps Zeek's own syslog.log by facility and severity names", () => {
    const syslog = parseEvents('zeek', readSample('zeek/brimdata__zed-sample-data/zeek-default/syslog.log.gz'));
    expect(syslog.issues).toEqual([]);
    expect(syslog.events).toHaveLength(2378);
    const first = syslog.events[0]!;
    expect(first.kind).toBe('log');
    expect(first.fields.log?.syslog).toEqual({ facility: 16, severity: 6 });
    expect(first.message.startsWith('1 2018-03-24T08:59:37-07:00 PC-helen.jerry.land EvntSLog')).toBe(true);
    expect(first.fields.network?.transport).toBe('udp');
  });
});

describe('Zeek ICSNPP and core ICS baselines', () => {
  it('reports every masked ts by default, with its line', () => {
    const strict = parseEvents('zeek', readSample('zeek/cisagov__icsnpp-dnp3/analyzer.basic/dnp3.log'));
    expect(strict.events).toEqual([]);
    expect(strict.issues).toHaveLength(368);
    expect(strict.issues[0]).toEqual({ line: 10, path: 'ts', message: 'ts is not a time: XXXXXXXXXX.XXXXXX' });
  });

  it('S7comm: PLC Stop is a stop, PLC Control services are classed as the capture module does', () => {
    const s7 = baseline('cisagov__icsnpp-s7comm/analyzer.snap7/s7comm.log');
    expect(s7.issues).toEqual([]);
    expect(s7.events).toHaveLength(61);
    const stop = at(s7, 63);
    expect(stop.fields.ics).toEqual({ protocol: 's7comm', function: 'PLC Stop', code: 0x29, operation: 'stop' });
    expect(stop.severity).toBe('low');
    expect(stop.fields.source).toEqual({ ip: '134.217.61.131', port: 51212 });
    const ack = at(s7, 64);
    expect(ack.fields.ics?.result).toBe('ok');
    expect(ack.fields.source?.ip).toBe('134.217.61.211');
    const start = at(s7, 69);
    expect(start.fields.ics).toMatchObject({ function: 'PLC Control', operation: 'start', target: 'PLC Start / Stop' });
    expect(at(s7, 65).fields.ics?.operation).toBe('configuration-change');
    expect(count(s7.events, (event) => event.fields.ics?.operation)).toMatchObject({ stop: 2, start: 1, 'program-upload': 25, session: 2 });
    expect(s7.events[0]!.fields.labels?.['zeek.ts']).toBe('XXXXXXXXXX.XXXXXX');
  });

  it('Modbus detailed: function, unit, register range and values', () => {
    const detailed = baseline('cisagov__icsnpp-modbus/analyzer.basic/modbus_detailed.log');
    expect(detailed.issues).toEqual([]);
    expect(detailed.events).toHaveLength(26);
    const write = at(detailed, 24);
    expect(write.fields.ics).toEqual({
      protocol: 'modbus',
      operation: 'write',
      function: 'Write Multiple Registers',
      code: 16,
      unit: 7,
      target: 'holding registers 1-4',
      values: '170,187,204,221',
    });
    const masks = baseline('cisagov__icsnpp-modbus/analyzer.basic/modbus_mask_write_register.log');
    expect(at(masks, 12).fields.ics).toMatchObject({ function: 'Mask Write Register', code: 22, target: 'holding registers 10', values: 'and 65535 or 57005' });
  });

  it('Modbus core: exceptions and register changes', () => {
    const exceptions = baseline('zeek__zeek/scripts.base.protocols.modbus.exception_handling/modbus.log');
    expect(exceptions.events).toHaveLength(15);
    const first = exceptions.events[0]!;
    expect(first.fields.ics).toMatchObject({ protocol: 'modbus', code: 28, result: 'exception', values: 'ILLEGAL_FUNCTION' });
    expect(first.severity).toBe('low');
    const changes = baseline('zeek__zeek/scripts.base.protocols.modbus.policy/modbus_register_change.log');
    expect(changes.events).toHaveLength(40);
    expect(at(changes, 10).fields.ics).toEqual({ protocol: 'modbus', function: 'Register Change', operation: 'write', target: 'holding registers 101', values: '0 -> 1' });
  });

  it('DNP3: restarts, stops, unsolicited responses and control blocks', () => {
    const events = baseline('zeek__zeek/scripts.base.protocols.dnp3.events/dnp3.log');
    expect(events.events).toHaveLength(66);
    expect(count(events.events, (event) => event.fields.ics?.operation)).toMatchObject({ restart: 4, stop: 3 });
    const cold = at(events, 27);
    expect(cold.fields.ics).toEqual({ protocol: 'dnp3', function: 'Cold Restart', operation: 'restart', result: 'ok' });
    const control = baseline('cisagov__icsnpp-dnp3/analyzer.basic/dnp3_control.log');
    expect(control.events).toHaveLength(534);
    expect(at(control, 10).fields.ics?.function).toBe('Select');
    expect(at(control, 12).fields.ics).toMatchObject({ protocol: 'dnp3', function: 'Operate', operation: 'write', target: 'Control Relay Output Block 8', values: 'Pulse Off Close' });
  });

  it('EtherNet/IP and CIP: services, classes and identity', () => {
    const cip = baseline('cisagov__icsnpp-enip/analyzer.basic/cip.log');
    expect(cip.events).toHaveLength(1158);
    expect(at(cip, 10).fields.ics).toMatchObject({ function: 'Multiple Service Packet', code: 10, target: 'class Message Router instance 0x01' });
    expect(at(cip, 12).fields.ics).toMatchObject({ protocol: 'enip', function: 'Get Attribute List', code: 3, operation: 'read', target: 'class 0x69 instance 0x00' });
    const enip = baseline('cisagov__icsnpp-enip/analyzer.basic/enip.log');
    expect(count(enip.events, (event) => event.fields.ics?.operation)).toEqual({ other: 267, discovery: 2 });
    const identity = baseline('cisagov__icsnpp-enip/analyzer.basic/cip_identity.log');
    expect(identity.events[0]!.message).toBe('enip identity: Rockwell Automation/Allen-Bradley, 1756-ENBT/A, Communications Adapter, 0x00524d8e, 4.3');
  });

  it('BACnet: device control is a restart or configuration change, and passwords are not kept', () => {
    const control = baseline('cisagov__icsnpp-bacnet/analyzer.services/bacnet_device_control.log');
    expect(control.events).toHaveLength(16);
    const reinit = at(control, 18);
    expect(reinit.fields.ics).toMatchObject({ protocol: 'bacnet', function: 'reinitialize_device', operation: 'restart', values: 'coldstart' });
    // The sample's passwords ("ethereal", "filister") appear nowhere, raw text included.
    expect(JSON.stringify(control.events)).not.toMatch(/ethereal|filister/);
    expect(JSON.parse(reinit.raw!)).toMatchObject({ password: '(redacted)', pdu_service: 'reinitialize_device' });
    expect(reinit.fields.labels?.['password']).toBe('(given, not stored)');
    expect(at(control, 19).fields.ics?.result).toBe('error');
    const discovery = baseline('cisagov__icsnpp-bacnet/analyzer.services/bacnet_discovery.log');
    expect(discovery.events).toHaveLength(221);
    expect(discovery.events.every((event) => event.fields.ics?.operation === 'discovery')).toBe(true);
  });

  it('OPC UA binary, S7comm-plus, COTP and synchrophasor logs', () => {
    const opcua = baseline('cisagov__icsnpp-opcua-binary/analyzer.basic/opcua-binary.log');
    expect(opcua.events).toHaveLength(66);
    expect(at(opcua, 10).fields.ics).toMatchObject({ protocol: 'opcua', function: 'HEL', operation: 'session' });
    expect(at(opcua, 12).fields.ics).toMatchObject({ protocol: 'opcua', function: 'OpenSecureChannelRequest', operation: 'session' });
    expect(at(opcua, 12).fields.source).toEqual({ ip: '::1', port: 56321 });
    expect(count(opcua.events, (event) => event.fields.ics?.operation)['write']).toBe(4);
    expect(baseline('cisagov__icsnpp-s7comm/analyzer.s7comm_plus/s7comm_plus.log').events).toHaveLength(121);
    expect(baseline('cisagov__icsnpp-s7comm/analyzer.snap7/cotp.log').events[0]!.fields.ics?.protocol).toBe('cotp');
    const cmd = baseline('cisagov__icsnpp-synchrophasor/analyzer.1PMU_TCP/synchrophasor_cmd.log');
    expect(cmd.events.map((event) => event.fields.ics?.function)).toEqual(['Send CFG-2', 'Data on', 'Data off']);
    expect(baseline('cisagov__icsnpp-synchrophasor/analyzer.1PMU_TCP/synchrophasor_data.log').events).toHaveLength(252);
  });

  it('conn.log as flows with bytes, packets and duration; weird.log with two header blocks as alerts', () => {
    const conn = baseline('cisagov__icsnpp-dnp3/analyzer.basic/conn.log');
    expect(conn.events).toHaveLength(11);
    const first = conn.events[0]!;
    expect(first.kind).toBe('flow');
    expect(first.fields.network).toEqual({ transport: 'tcp', protocol: 'dnp3_tcp', bytes: 5680 + 42680, packets: 97 + 194 });
    expect(first.fields.source).toEqual({ ip: '10.10.20.5', port: 20000, bytes: 1800, packets: 97 });
    expect(first.fields.event?.duration).toBe(95_890_591_000);
    const weird = baseline('zeek__zeek/scripts.base.protocols.modbus.events/weird-combined.log');
    expect(weird.events).toHaveLength(2);
    expect(weird.events[0]!.fields.rule?.name).toBe('modbus_diag_unknown_request_subfunction');
    expect(weird.events[0]!.severity).toBe('low');
  });
});

describe('Zeek format handling', () => {
  const header = ['#separator \\x09', '#set_separator\t,', '#empty_field\t(empty)', '#unset_field\t-', '#path\tmodbus', '#fields\tts\tuid\tid.orig_h\tid.orig_p\tid.resp_h\tid.resp_p\tfunc\tunit\textra', '#types\ttime\tstring\taddr\tport\taddr\tport\tstring\tcount\tstring'];

  it('reports broken lines with their number and keeps the rest; unknown fields become labels', () => {
    const text = [
      ...header,
      '1700000000.5\tC1\t10.0.0.1\t1234\t10.0.0.2\t502\tWRITE_SINGLE_COIL\t1\tsome\\x09thing',
      '1700000001.0\tC1\t10.0.0.1\t1234',
      'not-a-time\tC1\t10.0.0.1\t1234\t10.0.0.2\t502\tREAD_COILS\t1\t-',
      '{"ts": 1700000002, "_path": "modbus", "func": "READ_COILS", "id.orig_h": "10.0.0.1"',
      '1700000003.25\tC1\t10.0.0.1\t1234\t10.0.0.2\t502\tREAD_COILS\t1\t(empty)',
    ].join('\n');
    const result = parseEvents('zeek', text, { file: 'x.log' });
    expect(result.events.map((event) => event.time)).toEqual(['2023-11-14T22:13:20.500Z', '2023-11-14T22:13:23.250Z']);
    expect(result.events[0]!.fields.labels).toEqual({ uid: 'C1', extra: 'some\tthing' });
    expect(result.events[0]!.fields.ics).toMatchObject({ function: 'Write Single Coil', operation: 'write', unit: 1 });
    expect(result.issues.map((issue) => [issue.line, issue.path])).toEqual([
      [9, ''],
      [10, 'ts'],
      [11, ''],
    ]);
    expect(result.issues[0]!.message).toBe('expected 9 fields, found 4');
  });

  it('reports data before any #fields header', () => {
    expect(parseEvents('zeek', '1700000000\tC1\n').issues).toEqual([{ line: 1, path: '', message: 'data line before a #fields header' }]);
  });

  it('takes the log path from the file name when there is no #path', () => {
    const text = '{"ts":"2024-01-01T00:00:00Z","id.orig_h":"10.0.0.1","id.resp_h":"10.0.0.2","note":"X::Y","msg":"m"}';
    const result = parseEvents('zeek', text, { file: '/var/log/zeek/notice.00:00:00-01:00:00.log' });
    expect(result.events[0]!.kind).toBe('alert');
    expect(result.events[0]!.origin?.stream).toBe('notice');
  });

  it('keeps an unknown log as a log event with all its fields as labels', () => {
    const text = '{"_path":"mything","ts":1700000000,"id.orig_h":"10.0.0.1","id.resp_h":"10.0.0.2","id.resp_p":80,"color":"blue"}';
    const event = parseEvents('zeek', text).events[0]!;
    expect(event.kind).toBe('log');
    expect(event.fields.labels).toEqual({ color: 'blue' });
    expect(event.message).toBe('mything 10.0.0.1 → 10.0.0.2:80');
  });
});
