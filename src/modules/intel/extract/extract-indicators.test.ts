import { describe, expect, it } from 'vitest';
import { extractIndicators, maxExtractChars, maxOccurrences } from './extract-indicators.js';
import { formatIpv6, parseIpv6 } from './ip.js';
import type { Finding, IndicatorType } from './types.js';

const values = (text: string, type: IndicatorType, context = {}): string[] =>
  extractIndicators(text, context)
    .findings.filter((f) => f.type === type)
    .map((f) => f.value);

const only = (text: string, type: IndicatorType): Finding => {
  const found = extractIndicators(text).findings.filter((f) => f.type === type);
  expect(found).toHaveLength(1);
  return found[0] as Finding;
};

describe('IPv4', () => {
  it('finds addresses, refangs them and keeps the original text and offsets', () => {
    const text = 'from 45.77.12.190 and 91.219.236[.]18.';
    const f = only(text.replace('45.77.12.190 and ', ''), 'ipv4');
    expect(f.value).toBe('91.219.236.18');
    expect(f.occurrences[0]?.original).toBe('91.219.236[.]18');
    expect(f.occurrences[0]?.defanged).toBe(true);
    const all = extractIndicators(text).findings;
    expect(all.map((x) => x.value)).toEqual(['45.77.12.190', '91.219.236.18']);
    const first = all[0]?.occurrences[0];
    expect(text.slice(first?.start, first?.end)).toBe('45.77.12.190');
  });

  it.each([
    'firmware 2.9.4.1',
    'version 3.0.1.2',
    'Version: 3.0.1.2',
    'v1.2.3.4',
    'V 1.2.3.4',
    'rev. 5.1.3.2',
    'build 10.0.1.1',
    'upgrade to 5.1.3.3',
    '5.1.3.3 or later',
    '1.3.6.1.4.1.4329',
    '10.0.19041.1',
    '1.2.3.456',
    'section 4.3.2.1',
    'affected builds include 5.0.1.8',
    'ABC1.2.3.4',
  ])('does not take %s for an address', (text) => {
    expect(values(text, 'ipv4')).toEqual([]);
  });

  it('continues a version list after a connective', () => {
    expect(values('versions 1.0.0.0 through 1.4.2.9, then 10.1.1.1 was scanned', 'ipv4')).toEqual(['10.1.1.1']);
    expect(values('versions 1.0.0.0, 1.0.0.1 and 1.0.0.2', 'ipv4')).toEqual([]);
  });

  it('keeps addresses after a version word when the words between speak of hosts', () => {
    expect(values('the firmware beacons to 45.1.2.3', 'ipv4')).toEqual(['45.1.2.3']);
  });

  it('marks documentation ranges and keeps them', () => {
    for (const a of ['192.0.2.1', '198.51.100.7', '203.0.113.200']) {
      expect(only(`seen ${a}`, 'ipv4').documentation).toBe(true);
    }
    expect(only('seen 8.8.8.8', 'ipv4').documentation).toBeUndefined();
  });

  it('takes a CIDR prefix with the address and rejects impossible prefixes', () => {
    expect(values('block 185.100.87.0/24 now', 'ipv4')).toEqual(['185.100.87.0/24']);
    expect(values('path 10.1.1.1/99', 'ipv4')).toEqual(['10.1.1.1']);
  });

  it('stops before a port', () => {
    expect(values('10.0.0.5:502', 'ipv4')).toEqual(['10.0.0.5']);
  });

  it('gives unspecified and loopback addresses a lower confidence', () => {
    expect(only('listens on 0.0.0.0', 'ipv4').confidence).toBeLessThan(only('talks to 45.1.2.3', 'ipv4').confidence);
  });
});

describe('IPv6', () => {
  it.each([
    ['2001:DB8:0:0:0:0:0:1', '2001:db8::1'],
    ['2001:0470:0000:0000:0000:0000:0000:0042', '2001:470::42'],
    ['fe80::1ff:fe23:4567:890a%eth0', 'fe80::1ff:fe23:4567:890a'],
    ['[2606:4700:4700::1111]:443', '2606:4700:4700::1111'],
    ['::ffff:192.0.2.1', '::ffff:192.0.2.1'],
    ['64:ff9b::192.0.2.33', '64:ff9b::c000:221'],
    ['2001:db8:0:0:1:0:0:1', '2001:db8::1:0:0:1'],
    ['::1', '::1'],
    ['2001:db8::/32', '2001:db8::/32'],
  ])('%s is %s', (text, value) => {
    expect(values(`addr ${text} end`, 'ipv6')).toEqual([value]);
  });

  it.each(['12:45:33', '00:1b:1b:7e:00:01', 'std::vector', '1::2::3', 'a:b:c', '1:2:3:4:5:6:7:8:9', '12:30:45.123', ':: alone'])(
    'rejects %s',
    (text) => {
      expect(values(`x ${text} y`, 'ipv6')).toEqual([]);
    },
  );

  it('does not also report the IPv4 part of a mapped address', () => {
    expect(values('::ffff:198.51.100.23', 'ipv4')).toEqual([]);
    expect(only('::ffff:198.51.100.23', 'ipv6').documentation).toBe(true);
  });

  it('parses and formats by RFC 5952', () => {
    expect(parseIpv6('1:0:0:2:0:0:0:3')).toEqual([1, 0, 0, 2, 0, 0, 0, 3]);
    expect(formatIpv6([1, 0, 0, 2, 0, 0, 0, 3])).toBe('1:0:0:2::3'); // the longer run
    expect(formatIpv6([1, 0, 0, 2, 0, 0, 3, 4])).toBe('1::2:0:0:3:4'); // the first of equal runs
    expect(formatIpv6([1, 0, 2, 3, 4, 5, 6, 7])).toBe('1:0:2:3:4:5:6:7'); // a single zero stays
    expect(parseIpv6('1:2:3:4:5:6:7:8:9')).toBeUndefined();
    expect(parseIpv6('12345::1')).toBeUndefined();
  });
});

describe('domains, URLs and e-mail addresses', () => {
  it('normalizes domains to lower case and checks the top-level domain', () => {
    expect(values('EVIL-UPDATES.NET and grid-update-service.com', 'domain')).toEqual(['evil-updates.net', 'grid-update-service.com']);
    expect(values('the file report.pdf and malware.exe and foo.notatld', 'domain')).toEqual([]);
  });

  it('takes file names with TLD-like extensions for files unless written as hosts', () => {
    expect(values('payload.zip tool.py kworker.sh readme.md', 'domain')).toEqual([]);
    expect(values('payload.zip tool.py kworker.sh readme.md', 'file-name')).toEqual(['payload.zip', 'tool.py', 'kworker.sh', 'readme.md']);
    expect(values('evil[.]zip and www.files.zip', 'domain')).toEqual(['evil.zip', 'www.files.zip']);
  });

  it('skips prose that only looks like domains', () => {
    expect(values('the device.It failed; ASP.NET and Node.js; e.g. this; user.name', 'domain')).toEqual([]);
  });

  it('gives two-label names under word-like TLDs a lower confidence', () => {
    expect(only('see log.in now', 'domain').confidence).toBeLessThan(only('see evil.com now', 'domain').confidence);
  });

  it('flags reserved example domains', () => {
    expect(only('see www.example.com now', 'domain').documentation).toBe(true);
  });

  it('trims trailing punctuation from URLs but keeps balanced brackets', () => {
    const text =
      'See http://a.example.com/x.zip. Or (https://b.org/login). "https://c.net/r", [d](https://d.ru/t.7z), ' +
      'https://en.wikipedia.org/wiki/Stuxnet_(worm) and https://e.info/c?u=1&t=2;';
    expect(values(text, 'url')).toEqual([
      'http://a.example.com/x.zip',
      'https://b.org/login',
      'https://c.net/r',
      'https://d.ru/t.7z',
      'https://en.wikipedia.org/wiki/Stuxnet_(worm)',
      'https://e.info/c?u=1&t=2',
    ]);
  });

  it('lower-cases scheme and host only', () => {
    expect(values('HTTPS://Evil.COM/Path?Q=A', 'url')).toEqual(['https://evil.com/Path?Q=A']);
  });

  it('does not report the host or file inside a URL separately, but does report codes in it', () => {
    const found = extractIndicators('get https://evil.com/CVE-2023-3596/dropper.exe now').findings;
    expect(found.map((f) => `${f.type}:${f.value}`)).toEqual(['url:https://evil.com/CVE-2023-3596/dropper.exe', 'cve:CVE-2023-3596']);
  });

  it('reads industrial URL schemes', () => {
    expect(values('opc.tcp://10.1.5.20:4840/UA/Server', 'url')).toEqual(['opc.tcp://10.1.5.20:4840/UA/Server']);
  });

  it('finds e-mail addresses, defanged or not, without reporting their domains', () => {
    const text = 'from Ops.Alerts@Energy-Notify.com, billing [at] pipeline-invoices [dot] net and security(at)grid-ops[.]com';
    expect(values(text, 'email')).toEqual(['ops.alerts@energy-notify.com', 'billing@pipeline-invoices.net', 'security@grid-ops.com']);
    expect(values(text, 'domain')).toEqual([]);
    expect(values('user@localhost and foo@1.2.3 and @handle', 'email')).toEqual([]);
  });
});

describe('hashes, CVE and ATT&CK IDs', () => {
  const md5 = '4358b5009c67d0e31d7fbf1663fcd3bf';
  const sha1 = 'fdb789ab4a195c0d33fd8d5c22d06720066fde40';
  const sha256 = '92ab73533c7479ce77cf74fbb14d9ba6338794ac1fc53f1d25920979291db09e';

  it('classifies digests by length and lower-cases them', () => {
    const found = extractIndicators(`${md5.toUpperCase()} ${sha1} sha256:${sha256} ${sha256}${sha256}`).findings;
    expect(found.map((f) => `${f.type}:${f.value}`)).toEqual([`md5:${md5}`, `sha1:${sha1}`, `sha256:${sha256}`, `sha512:${sha256}${sha256}`]);
  });

  it('never takes a slice of a longer hex run or a run glued to letters', () => {
    expect(extractIndicators(`${sha256}ab x${md5} ${md5}g 0x${md5}`).findings).toEqual([]);
  });

  it('rejects decimal numbers and filler', () => {
    expect(extractIndicators('12345678901234567890123456789012 00000000000000000000000000000000').findings).toEqual([]);
  });

  it('normalizes CVE IDs and rejects impossible ones', () => {
    expect(values('cve-2023-3595, CVE 2022-29303, CVE\u20112020\u201114509, CVE-2021-1234567', 'cve')).toEqual([
      'CVE-2023-3595',
      'CVE-2022-29303',
      'CVE-2020-14509',
      'CVE-2021-1234567',
    ]);
    expect(values('CVE-1988-0001 CVE-2021-12 MYCVE-2022-1111 CVE-2021-0123456 CVE-2999-1234', 'cve')).toEqual([]);
  });

  it('finds ATT&CK technique IDs and tells ICS from Enterprise', () => {
    const found = extractIndicators('T0843, T1059.001 and T1078; not T0843.001, TA0108, T9999, T1000X, QT0845').findings;
    expect(found.map((f) => [f.value, f.attackDomain])).toEqual([
      ['T0843', 'ics'],
      ['T1059.001', 'enterprise'],
      ['T1078', 'enterprise'],
    ]);
  });
});

describe('file names', () => {
  it('takes the last path component and keeps the case as written', () => {
    expect(values('C:\\ProgramData\\Intel\\Svchost32.EXE and %TEMP%\\stage2.ps1 and /tmp/.x/kworker.sh', 'file-name')).toEqual([
      'Svchost32.EXE',
      'stage2.ps1',
      'kworker.sh',
    ]);
  });

  it('knows engineering project files and ignores extensions it does not track', () => {
    expect(values('Line3.ap16, plant.acd, backup.s7p, photo.png, notes.txt', 'file-name')).toEqual(['Line3.ap16', 'plant.acd', 'backup.s7p']);
  });
});

describe('industrial context', () => {
  const context = { vendors: ['Siemens', 'Schneider Electric', 'ABB', '和利时'], products: ['SIMATIC S7-1500', 'Modicon M340'] };

  it('matches vendors and products case-insensitively on word boundaries, with the listed spelling', () => {
    const text = 'SCHNEIDER ELECTRIC Modicon m340 and simatic s7-1500; Siemensstadt and siemens.com are not mentions of Siemens';
    const found = extractIndicators(text, context).findings.filter((f) => f.type === 'vendor' || f.type === 'product');
    expect(found.map((f) => `${f.type}:${f.value}:${f.count}`)).toEqual([
      'vendor:Schneider Electric:1',
      'product:Modicon M340:1',
      'product:SIMATIC S7-1500:1',
      'vendor:Siemens:1',
    ]);
  });

  it('matches short names only as written and names in Chinese without spaces', () => {
    expect(values('ABB relays, not abbreviations or abb', 'vendor', context)).toEqual(['ABB']);
    expect(values('访问了和利时DCS系统', 'vendor', context)).toEqual(['和利时']);
  });

  it('maps protocol spellings to one name and skips look-alikes', () => {
    const text = 'Modbus/TCP, modbus rtu, IEC 104, S7comm-plus, OPC-UA, NERC CIP, (CIP), fins, FINS, goose, GOOSE';
    expect(values(text, 'protocol')).toEqual(['Modbus', 'IEC 60870-5-104', 'S7comm-plus', 'OPC UA', 'CIP', 'FINS', 'GOOSE']);
  });
});

describe('findings', () => {
  it('groups repeated values, counts them and caps the occurrences kept', () => {
    const text = Array.from({ length: maxOccurrences + 10 }, () => 'evil.com').join(' ');
    const f = only(text, 'domain');
    expect(f.count).toBe(maxOccurrences + 10);
    expect(f.occurrences).toHaveLength(maxOccurrences);
  });

  it('orders findings by first occurrence', () => {
    const found = extractIndicators('CVE-2021-44228 then 45.1.2.3 then CVE-2021-44228 then evil.com').findings;
    expect(found.map((f) => f.type)).toEqual(['cve', 'ipv4', 'domain']);
    expect(found[0]?.occurrences.map((o) => o.start)).toEqual([0, 34]);
  });
});

describe('bad input', () => {
  it('finds nothing in an empty text', () => {
    expect(extractIndicators('')).toEqual({ findings: [], examinedChars: 0, truncated: false });
  });

  it('survives binary garbage given as text', () => {
    let seed = 42;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const garbage = Array.from({ length: 200_000 }, () => String.fromCharCode(Math.floor(random() * 0xffff))).join('');
    const result = extractIndicators(garbage);
    expect(result.truncated).toBe(false);
    expect(result.findings.length).toBeLessThan(5);
  });

  it('examines at most maxExtractChars of a huge text and says so', () => {
    const filler = 'x '.repeat(Math.ceil(maxExtractChars / 4));
    const result = extractIndicators(`${filler} 45.1.2.3 ${filler} 46.1.2.3`);
    expect(result.truncated).toBe(true);
    expect(result.examinedChars).toBeLessThanOrEqual(maxExtractChars);
    expect(result.findings.map((f) => f.value)).toEqual(['45.1.2.3']);
  });

  it.each([
    ['one long word', 'a'.repeat(3_000_000)],
    ['a long word before an emoji', `${'a'.repeat(3_000_000)}\u{1F600}`],
    ['a URL without end', `http://${'a'.repeat(3_000_000)}`],
    ['spaces', ' '.repeat(3_000_000)],
    ['dotted runs', 'a.'.repeat(1_500_000)],
    ['colon runs', '1:'.repeat(1_500_000)],
    ['hex', 'ab'.repeat(1_500_000)],
  ])('never throws on pathological input: %s', (_name, text) => {
    expect(() => extractIndicators(text)).not.toThrow();
  });

  it('does not split a surrogate pair at the cap', () => {
    const text = `${'a'.repeat(maxExtractChars - 1)}😀 tail`;
    const result = extractIndicators(text);
    expect(result.examinedChars).toBe(maxExtractChars - 1);
  });
});
