// A floor under validation speed. The figure itself comes from bench/intel-validate.ts; this test
// only catches a large regression. It counts CPU time, not wall time, so that other work on the
// shared two-core machine does not make it flaky.
import { describe, expect, it } from 'vitest';
import { sampleObjects, typicalIndicator } from './sample-objects.case.js';
import { validateBundle } from './validate-bundle.js';
import { validateStixObject } from './validate-object.js';

function perSecond(count: number, run: () => void): number {
  run(); // warm-up: the first pass pays for compilation
  const started = process.cpuUsage();
  run();
  const used = process.cpuUsage(started);
  return (count / (used.user + used.system)) * 1e6;
}

describe('throughput', () => {
  it('validates typical indicators at more than 20,000 objects/s', () => {
    const indicators = Array.from({ length: 20_000 }, (_, i) => typicalIndicator(i));
    let valid = 0;
    const rate = perSecond(indicators.length, () => {
      valid = 0;
      for (const o of indicators) if (validateStixObject(o).success) valid += 1;
    });
    expect(valid).toBe(indicators.length);
    expect(rate).toBeGreaterThan(20_000);
  });

  it('validates a mixed bundle with no issues at more than 10,000 objects/s', () => {
    const objects = sampleObjects(20_000);
    const bundle = { type: 'bundle', id: 'bundle--a6c3e8f1-2b7d-4e59-8d04-3f1b9e7a5c26', objects };
    let issues = -1;
    const rate = perSecond(objects.length, () => {
      issues = validateBundle(bundle).issues.length;
    });
    expect(issues).toBe(0);
    expect(rate).toBeGreaterThan(10_000);
  });
});
