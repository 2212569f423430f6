// `bulwark capture simulate <out.pcap>`: writes the built-in water plant capture to a file. Needs no
// database or server: the capture is made here, deterministically from the seed.
import { Command, InvalidArgumentError } from 'commander';
import { emit, type CliContext } from '../../../platform/cli-kit/context.js';
import { isScenarioName, scenarioDescriptions, scenarioNames, type ScenarioName } from './scenarios.js';
import { defaultSimulation, minimumSeconds, writeSimulatedCapture } from './simulate.js';

function minutes(value: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0 || n > 1440) throw new InvalidArgumentError('a number of minutes above 0 and at most 1440');
  return n;
}

function seed(value: string): number {
  const n = Number(value);
  if (!/^-?\d+$/.test(value.trim()) || !Number.isSafeInteger(n)) throw new InvalidArgumentError('an integer');
  return n;
}

/** `--scenario a,b --scenario c`: names collected in order; `all` is every scenario. */
function scenario(value: string, previous: ScenarioName[] = []): ScenarioName[] {
  const out = [...previous];
  for (const name of value.split(',').map((n) => n.trim()).filter((n) => n !== '')) {
    if (name === 'all') out.push(...scenarioNames);
    else if (isScenarioName(name)) out.push(name);
    else throw new InvalidArgumentError(`unknown scenario ${name}; one of: all, ${scenarioNames.join(', ')}`);
  }
  return out;
}

export function simulateCommand(ctx: CliContext): Command {
  return new Command('simulate')
    .description(`write the built-in simulated water plant capture (Modbus/TCP, S7comm, EtherNet/IP, DNP3, IEC 104) to a pcap file; at least ${minimumSeconds} s of traffic`)
    .argument('<out>', 'pcap file to write (replaced if it exists)')
    .option('--minutes <n>', 'minutes of traffic', minutes, defaultSimulation.minutes)
    .option('--seed <s>', 'seed: the same seed gives the same capture', seed, defaultSimulation.seed)
    .option('--scenario <names>', `attack scenarios added to the routine traffic (comma-separated or repeated; all for every one): ${scenarioNames.map((n) => `${n} (${scenarioDescriptions[n]})`).join('; ')}`, scenario)
    .action(async (out: string, o: { minutes: number; seed: number; scenario?: ScenarioName[] }, cmd: Command) => {
      const scenarios = [...new Set(o.scenario ?? [])];
      const written = await writeSimulatedCapture(out, { minutes: o.minutes, seed: o.seed, scenarios });
      const result = { path: out, ...written, minutes: o.minutes, seed: o.seed, scenarios, startTime: defaultSimulation.startTime.toISOString() };
      emit(ctx, cmd, result, () =>
        ctx.out.line(`wrote ${written.frames} frames (${(written.bytes / 1024).toFixed(0)} KiB) of simulated plant traffic to ${out} (${o.minutes} min, seed ${o.seed}${scenarios.length === 0 ? '' : `, scenarios: ${scenarios.join(', ')}`})`),
      );
    });
}
