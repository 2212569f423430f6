import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseEvents, parseSyslogMessage } from './index.js';
import { readSample } from './test-samples.js';

const received = new Date('2024-02-01T12:00:00Z');

function draftOf(text: string, at: Date = received) {
  const parsed = parseSyslogMessage(text, '10.0.0.7:514', at);
  if ('issue' in parsed) throw new Error(`unexpected issue: ${parsed.issue.message}`);
  return parsed.draft;
}

describe('RFC 5424 samples (tenzir, Dynatrace)', () => {
  const result = parseEvents('syslog', readSample('syslog/tenzir__tenzir/syslog.log'), { file: 'syslog.log', receivedAt: received });

  it('parses every line of the RFC examples and rsyslog lines', () => {
    expect(result.issues).toEqual([]);
    expect(result.events).toHaveLength(13);
  });

  it('reads structured data with \\] \\" and \\\\ escapes and two SD elements', () => {
    const [first, , , fourth, fifth] = result.events;
    expect(first?.fields.log?.syslog?.structured_data).toEqual({ 'exampleSDID@32473': { iut: '3', eventSource: 'App]lication', eventID: '1011' } });
    expect(fourth?.fields.log?.syslog?.structured_data?.['exampleSDID@32473']?.['eventSource']).toBe('Applic"ation');
    expect(fifth?.fields.log?.syslog?.structured_data).toEqual({
      'exampleSDID@32473': { iut: '5', eventSource: 'Applic\\ation', eventID: '1011' },
      'examplePriority@32473': { class: 'high' },
    });
    expect(fifth?.message).toBe('');
  });

  it('maps PRI, header fields and severity', () => {
    const first = result.events[0]!;
    expect(first.time).toBe('2003-10-11T22:14:15.003Z');
    expect(first.kind).toBe('log');
    expect(first.fields.log?.syslog).toMatchObject({ facility: 4, severity: 2, appname: 'su', procid: 'asd', msgid: 'ID47' });
    expect(first.severity).toBe('critical');
    expect(first.fields.host?.name).toBe('mymachineexamplecom');
    expect(first.fields.process).toEqual({ name: 'su' });
    expect(first.origin).toEqual({ file: 'syslog.log', line: 1 });
  });

  it('takes the received time for a nil timestamp and sets host.ip for an address hostname', () => {
    const third = result.events[2]!;
    expect(third.time).toBe(received.toISOString());
    expect(third.fields.host).toEqual({ name: '192.0.2.1', ip: '192.0.2.1' });
    expect(third.fields.process).toEqual({ name: 'myproc', pid: 8710 });
    expect(third.severity).toBe('low');
  });

  it('converts offsets to UTC (rsyslog +01:00) and keeps the message', () => {
    const rsyslog = result.events[6]!;
    expect(rsyslog.time).toBe('2020-03-02T18:37:57.819Z');
    expect(rsyslog.fields.process?.name).toBe('rsyslogd');
    expect(rsyslog.message).toMatch(/^\[origin software="rsyslogd" swVersion="8\.32\.0"/);
    expect(result.events[10]!.severity).toBe('medium'); // <12> = user.warning
    expect(result.events[12]!.severity).toBe('info'); // <31> = daemon.debug
  });

  it('parses the line without PRI as BSD with an ISO timestamp and marks PRI absent', () => {
    const noPri = result.events[5]!;
    expect(noPri.fields.log?.syslog).toMatchObject({ facility: 1, severity: 5 });
    expect(noPri.fields.labels).toEqual({ 'syslog.pri': 'absent' });
    expect(noPri.fields.host?.name).toBe('mymachineexamplecom');
  });

  it('parses the Dynatrace SecureAuth message', () => {
    const draft = draftOf(readSample('syslog/Dynatrace__dynatrace-otel-collector/RFC5424'));
    expect(draft.fields.log?.syslog).toEqual({
      facility: 10,
      severity: 6,
      appname: 'SecureAuth0',
      procid: '23108',
      msgid: 'ID52020',
      structured_data: { 'SecureAuth@27389': { UserHostAddress: '192.168.2.132', Realm: 'SecureAuth0', UserID: 'Tester2', PEN: '27389' } },
    });
    expect(draft.message).toBe("Found the user for retrieving user's profile");
    expect(draft.origin).toEqual({ sender: '10.0.0.7:514' });
  });
});

describe('RFC 3164 samples (tenzir, Dynatrace, elastic)', () => {
  const result = parseEvents('syslog', readSample('syslog/tenzir__tenzir/syslog-rfc3164.log'), { receivedAt: received });

  it('parses all twelve lines', () => {
    expect(result.issues).toEqual([]);
    expect(result.events).toHaveLength(12);
  });

  it('infers the year from the received time (November read in February is last year)', () => {
    expect(result.events[0]!.time).toBe('2023-11-16T12:53:54.000Z');
    expect(result.events[0]!.fields.host).toEqual({ name: 'mymachine', ip: '10.1.1.16' });
    expect(result.events[0]!.fields.process?.name).toBe('PROGRAM');
  });

  it('accepts a space after PRI, PROCESS[pid], no app name, CEF and the FTD year form', () => {
    expect(result.events[2]!.fields.log?.syslog).toMatchObject({ facility: 4, severity: 2, appname: 'OTHERPROGRAM' });
    expect(result.events[8]!.fields.process).toEqual({ name: 'PROCESS', pid: 123 });
    expect(result.events[9]!.fields.process).toBeUndefined();
    expect(result.events[9]!.message).toBe('No app name in this message');
    expect(result.events[6]!.message.startsWith('CEF:0|Cynet|Cynet 360|')).toBe(true);
    expect(result.events[7]!.fields.process?.name).toBe('FOO');
    const ftd = result.events[11]!;
    expect(ftd.time).toBe('2024-01-18T11:50:03.000Z');
    expect(ftd.fields.host?.name).toBe('firepower');
    expect(ftd.message.startsWith('%FTD-4-419002: Duplicate TCP SYN')).toBe(true);
    expect(ftd.severity).toBe('medium');
  });

  it('keeps an empty message', () => {
    expect(result.events[5]!.message).toBe('');
    expect(result.events[5]!.fields.process?.name).toBe('OTHERPROGRAM');
  });

  it('parses the Dynatrace BSD message with an address as host', () => {
    const draft = draftOf(readSample('syslog/Dynatrace__dynatrace-otel-collector/RFC3164'));
    // Feb 4 is three days after the received time (Feb 1): the message is from the year before.
    expect(draft.time).toBe('2023-02-04T11:14:27.000Z');
    expect(draft.fields.host).toEqual({ name: '1.2.3.4', ip: '1.2.3.4' });
    expect(draft.fields.process?.name).toBe('apache_server');
    expect(draft.message).toBe('test message');
  });

  it('joins the indented continuation lines of the macOS file to their message', () => {
    const darwin = parseEvents('syslog', readSample('syslog/elastic__beats/darwin-syslog-sample.log'), { receivedAt: received });
    expect(darwin.issues).toEqual([]);
    expect(darwin.events).toHaveLength(3);
    const first = darwin.events[0]!;
    expect(first.fields.process).toEqual({ name: 'GoogleSoftwareUpdateAgent', pid: 21412 });
    expect(first.message.split('\n').length).toBeGreaterThan(5);
    expect(first.message).toContain('Keystone.ticketstore.lock');
    expect(darwin.events[2]!.message).toBe('--- last message repeated 1 time ---');
    expect(darwin.events[2]!.fields.host).toBeUndefined();
  });

  it('reads RFC 3339 timestamps with +0400, +04:00 and no zone', () => {
    const tz = parseEvents('syslog', readSample('syslog/elastic__beats/tz-offset.log'), { receivedAt: received });
    expect(tz.events.map((event) => event.time)).toEqual(['1986-04-25T21:23:45.101Z', '1986-04-25T21:23:45.388Z', '2019-06-14T10:40:20.912Z']);
    expect(tz.events[0]!.fields.process).toEqual({ name: 'shutdown', pid: 2649 });
  });
});

describe('broken messages', () => {
  it('reports bad lines with their line number and path and keeps the rest', () => {
    const text = [
      '<34>1 2003-10-11T22:14:15.003Z host app - - - fine',
      '<999>1 2003-10-11T22:14:15.003Z host app - - - bad pri',
      '<34>1 2003-13-11T22:14:15.003Z host app - - - bad month',
      '<34>1 2003-10-11T22:14:15.003Z host app - - [id a="unterminated] msg',
      '<34>1 2003-10-11T22:14:15.003Z host',
      '<34>1 2003-10-11T22:14:15.003Z host app - - [id a="1"]x',
      '',
      '<13>Feb  1 10:00:00 host app: last one',
    ].join('\n');
    const result = parseEvents('syslog', text, { file: 'broken.log', receivedAt: received });
    expect(result.events.map((event) => event.message)).toEqual(['fine', 'last one']);
    expect(result.events[1]!.origin).toEqual({ file: 'broken.log', line: 8 });
    expect(result.issues.map((issue) => [issue.line, issue.path])).toEqual([
      [2, 'pri'],
      [3, 'timestamp'],
      [4, 'structured_data.id.a'],
      [5, 'hostname'],
      [6, 'structured_data'],
    ]);
  });

  it('reports an empty message instead of inventing one', () => {
    expect(parseSyslogMessage('\r\n')).toEqual({ issue: { line: 1, path: '', message: 'empty syslog message' } });
  });

  it('maps every severity code onto the five levels', () => {
    const severities = [0, 1, 2, 3, 4, 5, 6, 7].map((code) => draftOf(`<${8 + code}>1 - h a - - - m`).severity);
    expect(severities).toEqual(['critical', 'critical', 'critical', 'high', 'medium', 'low', 'info', 'info']);
  });

  it('strips the UTF-8 BOM before MSG', () => {
    expect(draftOf('<14>1 - h a - - - \uFEFFhello').message).toBe('hello');
  });

  it('takes the year before when a December line is read in January', () => {
    expect(draftOf('<13>Dec 31 23:59:00 h a: m', new Date('2025-01-01T00:00:10Z')).time).toBe('2024-12-31T23:59:00.000Z');
  });
});

describe('properties', () => {
  // '-' alone is the NILVALUE, not a name.
  const token = fc.stringMatching(/^[A-Za-z0-9._-]{1,20}$/).filter((value) => value !== '-');
  const sdName = fc.stringMatching(/^[A-Za-z0-9@._-]{1,16}$/);
  const sdValue = fc.string({ maxLength: 20 });

  it('round-trips any RFC 5424 header and escaped structured data', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 191 }), token, token, token, fc.dictionary(sdName, sdValue, { maxKeys: 3 }), fc.string({ maxLength: 40 }), (pri, host, app, msgid, params, msg) => {
        const escaped = Object.entries(params).map(([key, value]) => ` ${key}="${value.replace(/[\\"\]]/g, (c) => `\\${c}`)}"`).join('');
        const sd = Object.keys(params).length > 0 ? `[sd@1${escaped}]` : '-';
        const text = `<${pri}>1 2024-01-02T03:04:05.678Z ${host} ${app} 42 ${msgid} ${sd} ${msg}`;
        const parsed = parseSyslogMessage(text, undefined, received);
        if (!('draft' in parsed)) return false;
        const syslog = parsed.draft.fields.log?.syslog;
        expect(syslog?.facility).toBe(pri >> 3);
        expect(syslog?.severity).toBe(pri & 7);
        expect(parsed.draft.fields.host?.name).toBe(host);
        expect(syslog?.appname).toBe(app);
        expect(syslog?.msgid).toBe(msgid);
        expect(syslog?.structured_data?.['sd@1'] ?? {}).toEqual(Object.keys(params).length > 0 ? { ...params } : {});
        expect(parsed.draft.message).toBe(msg.replace(/^\s+/, '').replace(/^\uFEFF/, '').replace(/[\r\n\0]+$/, ''));
        return true;
      }),
      { numRuns: 300 },
    );
  });

  it('never throws and returns a draft or an issue for any text', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ maxLength: 200 }), fc.string({ maxLength: 60 }).map((s) => `<${s}`), fc.string({ maxLength: 60 }).map((s) => `<34>1 ${s}`)), (text) => {
        const parsed = parseSyslogMessage(text, undefined, received);
        if ('draft' in parsed) expect(Number.isNaN(Date.parse(parsed.draft.time))).toBe(false);
        else expect(parsed.issue.line).toBe(1);
      }),
      { numRuns: 1000 },
    );
  });
});
