// CACAO 2.0 validation speed, in process: synthetic valid playbooks of 20 and 200 steps (every step
// type, variables declared and used), validated whole (structure and graph rules) again and again.
import { syntheticPlaybook } from '../src/modules/response/cacao/synthetic.js';
import { validatePlaybook } from '../src/modules/response/cacao/index.js';
import { medianRate, report, type BenchCase } from './support.js';

const runs = 5;

export const cacaoValidate: BenchCase = {
  id: 'cacao-validate',
  async run() {
    for (const steps of [20, 200]) {
      const playbook = syntheticPlaybook(steps, 7);
      const actual = Object.keys(playbook.workflow as object).length;
      const check = validatePlaybook(playbook);
      if (!check.success || check.issues.length > 0) throw new Error(`the synthetic playbook is not clean: ${JSON.stringify(check.issues.slice(0, 3))}`);
      // Enough repetitions for about the same work per size.
      const reps = Math.max(50, Math.round(40_000 / actual));
      const r = medianRate(reps, () => {
        for (let i = 0; i < reps; i++) if (!validatePlaybook(playbook).success) throw new Error('invalid');
      }, runs);
      report({ bench: 'cacao-validate', metric: 'playbooks_per_s', value: r.wall, unit: 'playbooks/s', n: reps, steps: actual });
      report({ bench: 'cacao-validate', metric: 'playbooks_per_s_cpu', value: r.cpu, unit: 'playbooks/cpu-s', n: reps, steps: actual });
      report({ bench: 'cacao-validate', metric: 'steps_per_s', value: Math.round(r.wall * actual), unit: 'steps/s', n: reps, steps: actual });
    }
  },
};
