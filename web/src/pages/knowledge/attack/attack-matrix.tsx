import type { AttackTactic, AttackTechnique } from '../../../api/knowledge-types';

/** Coverage bands: how many ATT&CK mitigations address a technique. */
export function coverageLevel(mitigations: number): 0 | 1 | 2 | 3 {
  if (mitigations === 0) return 0;
  if (mitigations <= 2) return 1;
  if (mitigations <= 5) return 2;
  return 3;
}

export const coverageLegend: readonly { readonly level: 0 | 1 | 2 | 3; readonly label: string }[] = [
  { level: 0, label: 'No mitigation' },
  { level: 1, label: '1–2 mitigations' },
  { level: 2, label: '3–5' },
  { level: 3, label: '6 or more' },
];

interface AttackMatrixProps {
  readonly tactics: readonly AttackTactic[];
  readonly onOpen: (technique: AttackTechnique) => void;
  readonly highlight: string;
}

export function AttackMatrixGrid({ tactics, onOpen, highlight }: AttackMatrixProps) {
  const words = highlight.trim().toLowerCase();
  const matches = (t: AttackTechnique) => words === '' || t.name.toLowerCase().includes(words) || (t.externalId ?? '').toLowerCase().includes(words);
  return (
    <div className="matrix-scroll">
      {/* Headers and columns are two rows of one grid, so every header gets the tallest one's height. */}
      <div className="matrix" style={{ gridTemplateColumns: `repeat(${tactics.length}, minmax(96px, 1fr))` }} data-testid="attack-matrix">
        {tactics.map((tactic) => (
          <header key={tactic.id} className="matrix-head">
            <span className="matrix-tactic">{tactic.name}</span>
            <span className="matrix-meta">
              {tactic.externalId} · {tactic.techniques.length}
            </span>
          </header>
        ))}
        {tactics.map((tactic) => (
          <section key={tactic.id} className="matrix-column" data-tactic={tactic.shortName ?? tactic.id} aria-label={tactic.name}>
            {tactic.techniques.map((t) => (
              <button
                key={t.id}
                type="button"
                className={`technique cov-${coverageLevel(t.mitigations)}${t.relevant ? ' technique-relevant' : ''}${matches(t) ? '' : ' technique-dim'}`}
                onClick={() => onOpen(t)}
                data-technique={t.externalId ?? t.id}
                title={`${t.externalId ?? ''} ${t.name}: ${t.mitigations} mitigations, used by ${t.usedBy} groups and software${t.relevant ? '; targets device types in your inventory' : ''}`}
              >
                <span className="technique-id">
                  {t.externalId}
                  {t.relevant ? <span className="relevant-dot" aria-label="Relevant to your inventory" /> : null}
                </span>
                {/* A break opportunity after "/" keeps "Restart/Shutdown" inside its narrow cell. */}
                <span className="technique-name">{t.name.replace(/\//g, '/\u200b')}</span>
              </button>
            ))}
          </section>
        ))}
      </div>
    </div>
  );
}
