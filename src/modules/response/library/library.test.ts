// The library: every playbook valid for our validator and for the OASIS schemas, and a person's
// approval before any step that acts on a control system.
import { beforeAll, describe, expect, it } from 'vitest';
import { loadPlaybookOracle, type PlaybookOracle } from '../cacao/schema-oracle.case.js';
import type { ActionStep, Playbook, WorkflowStep } from '../cacao/types.js';
import { validatePlaybook } from '../cacao/validate.js';
import { readLibrary, type LibraryFile } from './index.js';

let oracle: PlaybookOracle;
let files: LibraryFile[];
beforeAll(async () => {
  oracle = loadPlaybookOracle();
  files = await readLibrary();
});

const scenarios = [
  'ransomware-engineering-workstation', 'unauthorized-plc-program-download', 'plc-stop-from-unknown-host', 'dnp3-iec104-command-injection',
  'compromised-remote-access', 'known-exploited-vulnerability-critical-asset', 'rogue-device-control-network', 'loss-of-view-hmi',
];

const isAction = (s: WorkflowStep): s is ActionStep => s.type === 'action';

describe('playbook library', () => {
  it('has the eight industrial scenarios with distinct ids', () => {
    expect(files.map((f) => f.file.replace(/\.json$/, '')).sort()).toEqual([...scenarios].sort());
    expect(new Set(files.map((f) => (f.playbook as Playbook).id)).size).toBe(8);
  });

  it.each(scenarios)('%s is valid for us (no warnings) and for the schemas', (name) => {
    const { playbook } = files.find((f) => f.file === `${name}.json`) as LibraryFile;
    expect(validatePlaybook(playbook).issues).toEqual([]);
    expect(oracle(playbook).errors).toEqual([]);
  });

  it.each(scenarios)('%s asks a person before it acts on the plant', (name) => {
    const playbook = (files.find((f) => f.file === `${name}.json`) as LibraryFile).playbook as Playbook;
    const steps = Object.values(playbook.workflow);
    const actions = steps.filter(isAction);
    // Every command is manual: nothing in the library runs unattended against a control system.
    expect(actions.flatMap((a) => a.commands.map((c) => c.type))).toEqual(actions.flatMap((a) => a.commands.map(() => 'manual')));
    // At least one approval by the plant side (control engineer, shift supervisor or dispatcher).
    const plantSide = new Set(Object.entries(playbook.agent_definitions ?? {}).filter(([, a]) => /engineer|supervisor|dispatcher/i.test(a.name)).map(([id]) => id));
    expect(actions.some((a) => plantSide.has(a.agent) && /approve|confirm|decide|assess|verif/i.test(`${a.name ?? ''} ${a.commands[0]?.command ?? ''}`))).toBe(true);
    // Flow control beyond a straight line where the scenario branches.
    expect(steps.some((s) => ['parallel', 'if-condition', 'switch-condition', 'while-condition'].includes(s.type)) || actions.some((a) => a.on_failure !== undefined)).toBe(true);
  });
});
