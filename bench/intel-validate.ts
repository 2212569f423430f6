// STIX 2.1 validation speed, in process and on one core (wall clock, and CPU time of this process,
// which other load on the machine does not inflate): a generated bundle of 100,000 valid objects
// (indicators, observables, relationships, sightings), the same number of typical indicators one by
// one, and the ATT&CK for ICS bundle.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { validateBundle, validateStixObject } from '../src/modules/intel/stix/index.js';
import { sampleObjects, typicalIndicator } from '../src/modules/intel/stix/validation/sample-objects.case.js';
import { medianRate, progress, repoRoot, report, type BenchCase } from './support.js';

const count = 100_000;
const runs = 5;

const rate = (objects: number, run: () => void) => medianRate(objects, run, runs);

export const intelValidate: BenchCase = {
  id: 'intel-validate',
  async run() {
    const objects = sampleObjects(count);
    const bundle = { type: 'bundle', id: 'bundle--a6c3e8f1-2b7d-4e59-8d04-3f1b9e7a5c26', objects };
    const check = validateBundle(bundle);
    if (!check.success || check.issues.length > 0) throw new Error(`the generated bundle is not clean: ${JSON.stringify(check.issues.slice(0, 3))}`);
    const emit = (set: string, n: number, metric: string, r: { wall: number; cpu: number }) => {
      report({ bench: 'intel-validate', metric, value: r.wall, unit: 'objects/s', n, set });
      report({ bench: 'intel-validate', metric: `${metric}_cpu`, value: r.cpu, unit: 'objects/cpu-s', n, set });
    };
    emit('mixed', count, 'bundle_objects_per_s', rate(count, () => validateBundle(bundle)));
    emit('mixed', count, 'bundle_objects_per_s_without_sco_id_check', rate(count, () => validateBundle(bundle, { checkScoIds: false })));
    const indicators = Array.from({ length: count }, (_, i) => typicalIndicator(i));
    const each = (options?: Parameters<typeof validateStixObject>[1]) => () => {
      for (const o of indicators) if (!validateStixObject(o, options).success) throw new Error('invalid generated indicator');
    };
    emit('indicators', count, 'objects_per_s', rate(count, each()));
    emit('indicators', count, 'objects_per_s_without_pattern_parse', rate(count, each({ patternParser: null })));
    const icsFile = join(repoRoot, '..', 'shared', 'data', 'attack', 'ics-attack.json');
    if (existsSync(icsFile)) {
      const ics = JSON.parse(readFileSync(icsFile, 'utf8')) as { objects: unknown[] };
      emit('ics-attack', ics.objects.length, 'bundle_objects_per_s', rate(ics.objects.length, () => validateBundle(ics)));
    } else progress(`intel-validate: ${icsFile} is missing, ATT&CK for ICS skipped`);
  },
};
