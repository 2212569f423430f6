import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runImporterConformance } from '../conformance.case.js';
import type { VulnerabilityRecord } from '../types.js';
import { productRefOf, remediationCategoryOf } from './cnvd-text.js';
import { parseCnvd } from './parse-cnvd.js';

// Project-authored CNVD export (fictional ids, vendors and products) in the layout CNVD publishes.
const cnvdExport = `<?xml version="1.0" encoding="UTF-8"?>
<vulnerabitys>
  <vulnerability>
    <number>CNVD-2099-10001</number>
    <cves>
      <cve>
        <cveNumber>CVE-2099-40001</cveNumber>
        <cveUrl>https://www.cve.org/CVERecord?id=CVE-2099-40001</cveUrl>
      </cve>
    </cves>
    <title>某工控科技有限公司SCADA监控系统SQL注入漏洞</title>
    <serverity>高</serverity>
    <products>
      <product>某工控科技有限公司 SCADA监控系统 V3.2及之前版本</product>
      <product>某工控科技有限公司 数据采集网关 V1.0</product>
    </products>
    <isEvent>通用软件漏洞</isEvent>
    <submitTime>2099-03-01</submitTime>
    <openTime>2099-03-15</openTime>
    <discovererName>某安全实验室</discovererName>
    <referenceLink>https://example.cn/advisory/2099-001</referenceLink>
    <formalWay>厂商已发布了漏洞修复程序，请及时关注更新：https://example.cn/support/patch-3-3</formalWay>
    <description>SCADA监控系统是一款工业监控软件。该系统存在SQL注入漏洞，攻击者可利用该漏洞获取数据库敏感信息。</description>
    <patchName>某工控科技有限公司SCADA监控系统SQL注入漏洞的补丁</patchName>
    <patchDescription>厂商已发布了漏洞修复程序，请及时关注更新。</patchDescription>
  </vulnerability>
  <vulnerability>
    <number>CNVD-2099-10002</number>
    <cves/>
    <title>Example EX-PLC 1200 Denial of Service Vulnerability</title>
    <serverity>中</serverity>
    <products>
      <product>Example EX-PLC 1200 &lt;V4.5</product>
    </products>
    <isEvent>通用软件漏洞</isEvent>
    <submitTime>2099-04-02</submitTime>
    <openTime>2099-04-20 00:00:00</openTime>
    <discovererName/>
    <referenceLink>https://example.com/psirt/ex-2099-07
https://example.com/psirt/ex-2099-07.pdf</referenceLink>
    <formalWay>Restrict network access to port 102/tcp to engineering stations.</formalWay>
    <description>Example EX-PLC 1200 is a programmable logic controller. A crafted S7 packet can put the CPU into &ldquo;STOP&rdquo; mode.</description>
    <patchName/>
    <patchDescription/>
  </vulnerability>
  <vulnerability>
    <number>CNVD-2099-10003</number>
    <cves>
      <cve><cveNumber>CVE-2099-40003</cveNumber><cveUrl/></cve>
      <cve><cveNumber>CVE-2099-40004</cveNumber></cve>
    </cves>
    <title>某仪表股份有限公司智能电表管理平台未授权访问漏洞</title>
    <serverity>低</serverity>
    <products><product>某仪表股份有限公司 智能电表管理平台</product></products>
    <submitTime>2099/5/6</submitTime>
    <formalWay>目前厂商暂未提供相关补丁，请关注厂商主页以获取最新版本。</formalWay>
    <description>智能电表管理平台存在未授权访问漏洞，攻击者可利用该漏洞读取电表数据。</description>
  </vulnerability>
</vulnerabitys>
`;

const dir = mkdtempSync(join(tmpdir(), 'bulwark-cnvd-'));
const exportFile = join(dir, 'cnvd-2099.xml');
writeFileSync(exportFile, cnvdExport);

runImporterConformance({
  name: 'CNVD XML',
  parse: parseCnvd,
  validFiles: [exportFile],
  corruptOneRecord: (input) => input.replace('<number>CNVD-2099-10002</number>', '<number>not-an-id</number>'),
});

describe('parseCnvd mapping', () => {
  const result = parseCnvd(cnvdExport, 'cnvd-2099.xml');
  const record = (id: string) => result.records.find((r) => r.sourceRecordId === id) as VulnerabilityRecord;

  it('reads all three entries without issues', () => {
    expect(result.issues).toEqual([]);
    expect(result.records.map((r) => r.sourceRecordId)).toEqual(['CNVD-2099-10001', 'CNVD-2099-10002', 'CNVD-2099-10003']);
  });

  it('maps a Chinese entry exactly', () => {
    const vendor = '某工控科技有限公司';
    const expected: VulnerabilityRecord = {
      kind: 'vulnerability',
      sourceRecordId: 'CNVD-2099-10001',
      aliases: [
        { scheme: 'cnvd', value: 'CNVD-2099-10001' },
        { scheme: 'cve', value: 'CVE-2099-40001' },
      ],
      title: '某工控科技有限公司SCADA监控系统SQL注入漏洞',
      description: 'SCADA监控系统是一款工业监控软件。该系统存在SQL注入漏洞，攻击者可利用该漏洞获取数据库敏感信息。',
      cwes: [],
      cvss: [],
      affected: [
        { product: { vendor, product: 'SCADA监控系统' }, range: { kind: 'text', text: '某工控科技有限公司 SCADA监控系统 V3.2及之前版本' }, status: 'affected' },
        { product: { vendor, product: '数据采集网关' }, range: { kind: 'text', text: '某工控科技有限公司 数据采集网关 V1.0' }, status: 'affected' },
      ],
      remediations: [
        { category: 'vendor_fix', details: '厂商已发布了漏洞修复程序，请及时关注更新：https://example.cn/support/patch-3-3', url: 'https://example.cn/support/patch-3-3' },
      ],
      references: [{ url: 'https://example.cn/advisory/2099-001' }, { url: 'https://www.cve.org/CVERecord?id=CVE-2099-40001' }],
      published: '2099-03-15',
    };
    expect(record('CNVD-2099-10001')).toStrictEqual(expected);
  });

  it('maps an English entry: entities decoded, no CVE, a mitigation, several reference links', () => {
    const v = record('CNVD-2099-10002');
    expect(v.aliases).toEqual([{ scheme: 'cnvd', value: 'CNVD-2099-10002' }]);
    expect(v.affected).toEqual([{ product: { vendor: 'Example', product: 'EX-PLC 1200' }, range: { kind: 'text', text: 'Example EX-PLC 1200 <V4.5' }, status: 'affected' }]);
    expect(v.description).toContain('“STOP” mode');
    expect(v.remediations).toEqual([{ category: 'mitigation', details: 'Restrict network access to port 102/tcp to engineering stations.' }]);
    expect(v.references.map((r) => r.url)).toEqual(['https://example.com/psirt/ex-2099-07', 'https://example.com/psirt/ex-2099-07.pdf']);
    expect(v.published).toBe('2099-04-20');
  });

  it('reads several CVEs, a slash date and a "no patch yet" notice', () => {
    const v = record('CNVD-2099-10003');
    expect(v.aliases.map((a) => a.value)).toEqual(['CNVD-2099-10003', 'CVE-2099-40003', 'CVE-2099-40004']);
    expect(v.affected[0]?.product).toEqual({ vendor: '某仪表股份有限公司', product: '智能电表管理平台' });
    expect(v.remediations[0]?.category).toBe('none_available');
    expect(v.published).toBe('2099-05-06');
  });

  it('reports a bad entry at its line and keeps the others', () => {
    const r = parseCnvd(cnvdExport.replace('<title>Example EX-PLC 1200 Denial of Service Vulnerability</title>', '<title></title>'), 'x.xml');
    expect(r.records).toHaveLength(2);
    expect(r.issues).toEqual([{ file: 'x.xml', pointer: 'line 27', message: expect.stringContaining('vulnerability/2/title'), severity: 'error' }]);
  });

  it('warns about a malformed CVE number, duplicates and an empty export', () => {
    const twice = cnvdExport.replace('CNVD-2099-10003', 'CNVD-2099-10001').replace('CVE-2099-40004', 'CVE-99');
    const r = parseCnvd(twice, 'x.xml');
    expect(r.records).toHaveLength(2);
    expect(r.issues.map((i) => [i.pointer, i.severity])).toEqual([
      ['line 46', 'warning'],
      ['line 46', 'warning'],
    ]);
    expect(parseCnvd('<vulnerabitys/>', 'empty.xml').issues).toMatchObject([{ pointer: 'line 1', severity: 'warning' }]);
  });

  it('reports XML syntax errors with line and column', () => {
    const r = parseCnvd('<vulnerabitys>\n  <vulnerability>\n    <number>CNVD-2099-1</numbr>\n', 'x.xml');
    expect(r.records).toEqual([]);
    expect(r.issues[0]).toMatchObject({ pointer: 'line 3', severity: 'error' });
  });
});

describe('CNVD free text', () => {
  it.each([
    ['Siemens SIMATIC S7-1500 CPU V2.9.4', { vendor: 'Siemens', product: 'SIMATIC S7-1500 CPU' }],
    ['WECON PLC Editor 1.3.8及之前版本', { vendor: 'WECON', product: 'PLC Editor' }],
    ['北京某科技集团 工业网关', { vendor: '北京某科技集团', product: '工业网关' }],
    ['OpenPLC', { vendor: '', product: 'OpenPLC' }],
  ])('splits %j into vendor and product', (text, expected) => {
    expect(productRefOf(text)).toEqual(expected);
  });

  it.each([
    ['厂商已发布升级补丁以修复漏洞，补丁获取链接：https://example.cn/p', 'vendor_fix'],
    ['目前没有详细的解决方案提供：请关注厂商主页。', 'none_available'],
    ['No patch is currently available. Restrict network access.', 'none_available'],
    ['用户可参考如下供应商提供的安全公告获得补丁信息', 'vendor_fix'],
    ['请在防火墙上限制对502端口的访问。', 'mitigation'],
  ])('classifies %j as %s', (text, category) => {
    expect(remediationCategoryOf(text)).toBe(category);
  });
});
