// The kinds of example the STIX 2.1 patterning section walks through, retold with our own (industrial)
// data: each pattern must parse, match the observations that fit it and miss a near miss.
import { describe, expect, it } from 'vitest';
import { evaluatePattern } from './evaluate.js';
import { formatPattern } from './format.js';
import { parsePattern } from './parser.js';
import type { BulwarkEvent, Sco } from './types.js';

const t = (s: number) => Date.UTC(2016, 5, 10, 9, 0, 0) + s * 1000;
const ev = (s: number, ...objects: Sco[]): BulwarkEvent => ({ time: t(s), objects: Object.fromEntries(objects.map((o, i) => [String(i), o])) });

interface Example {
  readonly title: string;
  readonly pattern: string;
  readonly match: readonly BulwarkEvent[];
  readonly miss: readonly BulwarkEvent[];
}

const sha = 'aec070645fe53ee3b3763059376134f058cc337247c978add178b6ccdfb0019f';
const examples: readonly Example[] = [
  {
    title: 'a file by its SHA-256 hash (quoted hash name)',
    pattern: `[file:hashes.'SHA-256' = '${sha}']`,
    match: [ev(0, { type: 'file', hashes: { 'SHA-256': sha } })],
    miss: [ev(0, { type: 'file', hashes: { 'SHA-1': sha } })],
  },
  {
    title: 'either of two hashes of the same file',
    pattern: `[file:hashes.'SHA-256' = '${sha}' OR file:hashes.MD5 = 'cead3f77f6cda6ec00f57d76c9a6879f']`,
    match: [ev(0, { type: 'file', hashes: { MD5: 'cead3f77f6cda6ec00f57d76c9a6879f' } })],
    miss: [ev(0, { type: 'file', hashes: { MD5: 'cead3f77f6cda6ec00f57d76c9a68790' } })],
  },
  {
    title: 'a sender domain by regular expression and an attachment name',
    pattern: "[email-message:from_ref.value MATCHES '.+\\\\@vendor-support\\\\.example$' AND email-message:body_multipart[*].body_raw_ref.name MATCHES '^Firmware Update.+\\\\.exe$']",
    match: [
      {
        time: t(0),
        objects: {
          '0': { type: 'email-message', from_ref: '1', body_multipart: [{ body: 'see attached' }, { body_raw_ref: '2' }] },
          '1': { type: 'email-addr', value: 'helpdesk@vendor-support.example' },
          '2': { type: 'file', name: 'Firmware Update v4.2.exe' },
        },
      },
    ],
    miss: [
      {
        time: t(0),
        objects: {
          '0': { type: 'email-message', from_ref: '1', body_multipart: [{ body_raw_ref: '2' }] },
          '1': { type: 'email-addr', value: 'helpdesk@vendor-support.example.net' },
          '2': { type: 'file', name: 'Firmware Update v4.2.exe' },
        },
      },
    ],
  },
  {
    title: 'an address from a list followed by a domain within ten minutes',
    pattern: "([ipv4-addr:value = '198.51.100.1/32' OR ipv4-addr:value = '203.0.113.33/32' OR ipv6-addr:value = '2001:db8:dead:beef:dead:beef:dead:1/128'] FOLLOWEDBY [domain-name:value = 'update.scada-vendor.example']) WITHIN 600 SECONDS",
    match: [ev(0, { type: 'ipv4-addr', value: '203.0.113.33/32' }), ev(599, { type: 'domain-name', value: 'update.scada-vendor.example' })],
    miss: [ev(0, { type: 'ipv4-addr', value: '203.0.113.33/32' }), ev(601, { type: 'domain-name', value: 'update.scada-vendor.example' })],
  },
  {
    title: 'the same hash seen five times within half an hour',
    pattern: "[file:hashes.MD5 = '79054025255fb1a26e4bc422aef54eb4'] REPEATS 5 TIMES WITHIN 1800 SECONDS",
    match: [0, 300, 600, 900, 1200].map((s) => ev(s, { type: 'file', hashes: { MD5: '79054025255fb1a26e4bc422aef54eb4' } })),
    miss: [0, 300, 600, 900, 1900].map((s) => ev(s, { type: 'file', hashes: { MD5: '79054025255fb1a26e4bc422aef54eb4' } })),
  },
  {
    title: 'traffic to an address, through the destination reference',
    pattern: "[network-traffic:dst_ref.type = 'ipv4-addr' AND network-traffic:dst_ref.value = '203.0.113.33/32']",
    match: [{ time: t(0), objects: { '0': { type: 'network-traffic', dst_ref: '1' }, '1': { type: 'ipv4-addr', value: '203.0.113.33/32' } } }],
    miss: [{ time: t(0), objects: { '0': { type: 'network-traffic', src_ref: '1' }, '1': { type: 'ipv4-addr', value: '203.0.113.33/32' } } }],
  },
  {
    title: 'a domain and what it resolves to',
    pattern: "[domain-name:value = 'historian.plant.example' AND domain-name:resolves_to_refs[*].value = '198.51.100.1/32']",
    match: [{ time: t(0), objects: { '0': { type: 'domain-name', value: 'historian.plant.example', resolves_to_refs: ['2', '1'] }, '1': { type: 'ipv4-addr', value: '198.51.100.1/32' }, '2': { type: 'ipv4-addr', value: '198.51.100.2/32' } } }],
    miss: [{ time: t(0), objects: { '0': { type: 'domain-name', value: 'historian.plant.example', resolves_to_refs: ['2'] }, '2': { type: 'ipv4-addr', value: '198.51.100.2/32' } } }],
  },
  {
    title: 'one of two URLs',
    pattern: "[url:value = 'http://hmi.plant.example/login' OR url:value = 'http://hmi.plant.example/setpoints']",
    match: [ev(0, { type: 'url', value: 'http://hmi.plant.example/setpoints' })],
    miss: [ev(0, { type: 'url', value: 'http://hmi.plant.example/' })],
  },
  {
    title: 'a certificate by issuer and serial number',
    pattern: "[x509-certificate:issuer = 'CN=Plant Root CA' AND x509-certificate:serial_number = '5d:1a:00:7e:02:93:14:ab']",
    match: [ev(0, { type: 'x509-certificate', issuer: 'CN=Plant Root CA', serial_number: '5d:1a:00:7e:02:93:14:ab' })],
    miss: [ev(0, { type: 'x509-certificate', issuer: 'CN=Plant Root CA', serial_number: '5d:1a:00:7e:02:93:14:ac' })],
  },
  {
    title: 'registry keys with backslashes in the constant',
    pattern: "[windows-registry-key:key = 'HKEY_LOCAL_MACHINE\\\\SOFTWARE\\\\HMIVendor\\\\Run' OR windows-registry-key:key = 'HKEY_CURRENT_USER\\\\Software\\\\Microsoft\\\\Windows\\\\CurrentVersion\\\\Run\\\\updater']",
    match: [ev(0, { type: 'windows-registry-key', key: 'HKEY_CURRENT_USER\\Software\\Microsoft\\Windows\\CurrentVersion\\Run\\updater' })],
    miss: [ev(0, { type: 'windows-registry-key', key: 'HKEY_CURRENT_USER\\Software\\Microsoft\\Windows\\CurrentVersion\\Run' })],
  },
  {
    title: 'a file name together with its parent directory',
    pattern: "[file:name = 'opcsrv.dll' AND file:parent_directory_ref.path = 'C:\\\\Windows\\\\System32']",
    match: [{ time: t(0), objects: { '0': { type: 'file', name: 'opcsrv.dll', parent_directory_ref: '1' }, '1': { type: 'directory', path: 'C:\\Windows\\System32' } } }],
    miss: [{ time: t(0), objects: { '0': { type: 'file', name: 'opcsrv.dll', parent_directory_ref: '1' }, '1': { type: 'directory', path: 'C:\\Windows\\Temp' } } }],
  },
  {
    title: 'a packed section: entropy of any PE section',
    pattern: "[file:extensions.'windows-pebinary-ext'.sections[*].entropy > 7.0]",
    match: [ev(0, { type: 'file', extensions: { 'windows-pebinary-ext': { sections: [{ entropy: 5.2 }, { entropy: 7.9 }] } } })],
    miss: [ev(0, { type: 'file', extensions: { 'windows-pebinary-ext': { sections: [{ entropy: 5.2 }, { entropy: 7.0 }] } } })],
  },
  {
    title: 'a MIME type and a magic number in hex',
    pattern: "[file:mime_type = 'image/jpeg' AND file:magic_number_hex = h'ffd8']",
    match: [ev(0, { type: 'file', mime_type: 'image/jpeg', magic_number_hex: 'FFD8' })],
    miss: [ev(0, { type: 'file', mime_type: 'image/jpeg', magic_number_hex: 'ffd9' })],
  },
  {
    title: 'traffic in a time range (START inclusive, STOP exclusive)',
    pattern: "[network-traffic:dst_ref.value ISSUBSET '203.0.113.0/24'] START t'2016-06-10T09:00:00Z' STOP t'2016-06-10T10:00:00Z'",
    match: [{ time: t(3599), objects: { '0': { type: 'network-traffic', dst_ref: '1' }, '1': { type: 'ipv4-addr', value: '203.0.113.200' } } }],
    miss: [{ time: t(3600), objects: { '0': { type: 'network-traffic', dst_ref: '1' }, '1': { type: 'ipv4-addr', value: '203.0.113.200' } } }],
  },
  {
    title: 'two separate observations of one account',
    pattern: "[user-account:account_type = 'unix' AND user-account:user_id = '1007' AND user-account:account_login = 'maint'] AND [process:name = 'ladder-upload' AND process:pid = 4711]",
    match: [ev(0, { type: 'user-account', account_type: 'unix', user_id: '1007', account_login: 'maint' }), ev(5, { type: 'process', name: 'ladder-upload', pid: 4711 })],
    miss: [ev(0, { type: 'user-account', account_type: 'unix', user_id: '1007', account_login: 'maint' }, { type: 'process', name: 'ladder-upload', pid: 4711 })],
  },
  {
    title: 'a capture artifact by MIME type and the bytes its payload starts with',
    pattern: "[artifact:mime_type = 'application/vnd.tcpdump.pcap' AND artifact:payload_bin MATCHES '\\\\xd4\\\\xc3\\\\xb2\\\\xa1\\\\x02\\\\x00\\\\x04\\\\x00']",
    match: [ev(0, { type: 'artifact', mime_type: 'application/vnd.tcpdump.pcap', payload_bin: Buffer.from([0xd4, 0xc3, 0xb2, 0xa1, 2, 0, 4, 0, 9]).toString('base64') })],
    miss: [ev(0, { type: 'artifact', mime_type: 'application/vnd.tcpdump.pcap', payload_bin: Buffer.from([0xa1, 0xb2, 0xc3, 0xd4, 0, 2, 0, 4]).toString('base64') })],
  },
  {
    title: 'a file name pattern with LIKE and a size bound',
    pattern: "[file:name LIKE 'backup\\\\_%.ap1_' AND file:size <= 1048576]",
    match: [ev(0, { type: 'file', name: 'backup\\_line3.ap15', size: 2048 })],
    miss: [ev(0, { type: 'file', name: 'backup\\_line3.ap15', size: 2097152 })],
  },
  {
    title: 'a registry key that has values at all',
    pattern: "[EXISTS windows-registry-key:values[*].name AND windows-registry-key:key LIKE 'HKEY_LOCAL_MACHINE%']",
    match: [ev(0, { type: 'windows-registry-key', key: 'HKEY_LOCAL_MACHINE\\SOFTWARE\\X', values: [{ name: 'Start' }] })],
    miss: [ev(0, { type: 'windows-registry-key', key: 'HKEY_LOCAL_MACHINE\\SOFTWARE\\X', values: [] })],
  },
  {
    title: 'a process whose command line is not among the expected ones',
    pattern: "[process:name = 'engineering-tool.exe' AND process:command_line NOT IN ('engineering-tool.exe /view', 'engineering-tool.exe /compare')]",
    match: [ev(0, { type: 'process', name: 'engineering-tool.exe', command_line: 'engineering-tool.exe /download /force' })],
    miss: [ev(0, { type: 'process', name: 'engineering-tool.exe', command_line: 'engineering-tool.exe /view' })],
  },
  {
    title: 'a subnet that covers a given host (ISSUPERSET)',
    pattern: "[ipv4-addr:value ISSUPERSET '192.0.2.77'] OR [ipv6-addr:value ISSUPERSET '2001:db8:0:1::77']",
    match: [ev(0, { type: 'ipv6-addr', value: '2001:db8:0:1::/64' })],
    miss: [ev(0, { type: 'ipv6-addr', value: '2001:db8:0:2::/64' })],
  },
];

describe('patterns of the kinds the specification illustrates', () => {
  it.each(examples.map((e) => [e.title, e] as const))('%s', (_title, example) => {
    const parsed = parsePattern(example.pattern);
    if (!parsed.success) throw new Error(parsed.error.message);
    expect(evaluatePattern(parsed.pattern, example.match).matched).toBe(true);
    expect(evaluatePattern(parsed.pattern, example.miss).matched).toBe(false);
    // The canonical text means the same.
    const again = parsePattern(formatPattern(parsed.pattern));
    expect(again.success && evaluatePattern(again.pattern, example.match).matched).toBe(true);
  });
});
