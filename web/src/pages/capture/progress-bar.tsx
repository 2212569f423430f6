import { percent } from './capture-labels';

interface ProgressBarProps {
  /** 0..1 */
  readonly value: number;
  readonly label: string;
  /** Animated stripes while work goes on. */
  readonly busy?: boolean;
  readonly tone?: 'ok' | 'danger' | 'neutral';
}

export function ProgressBar({ value, label, busy = false, tone = 'neutral' }: ProgressBarProps) {
  const clamped = Math.min(1, Math.max(0, value));
  return (
    <div
      className={`progress progress-${tone}${busy ? ' progress-busy' : ''}`}
      role="progressbar"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={Math.round(clamped * 100)}
      data-progress={clamped.toFixed(3)}
    >
      <div className="progress-fill" style={{ width: percent(clamped) }} />
    </div>
  );
}
