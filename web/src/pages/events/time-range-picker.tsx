import * as Popover from '@radix-ui/react-popover';
import { useState } from 'react';
import { formatDateTime } from '../../lib/format';
import { fromLocalInput, rangeBounds, rangePresets, toLocalInput, type TimeRange } from './events-model';

interface TimeRangePickerProps {
  readonly range: TimeRange;
  readonly onChange: (range: TimeRange) => void;
}

/** Presets as a button group, and "Custom" opening two datetime fields; the chosen one is pressed. */
export function TimeRangePicker({ range, onChange }: TimeRangePickerProps) {
  const [open, setOpen] = useState(false);
  const bounds = rangeBounds(range);
  const now = Date.now();
  const [from, setFrom] = useState(() => toLocalInput(range.kind === 'custom' ? range.from : new Date(now - 86_400_000).toISOString()));
  const [to, setTo] = useState(() => toLocalInput(range.kind === 'custom' ? range.to : new Date(now).toISOString()));
  const fromIso = fromLocalInput(from);
  const toIso = fromLocalInput(to);
  const valid = fromIso !== null && toIso !== null && Date.parse(fromIso) < Date.parse(toIso);

  return (
    <div className="events-range" role="group" aria-label="Time range" data-testid="events-range">
      {rangePresets.map((p) => (
        <button
          key={p.key}
          type="button"
          className={`btn btn-small`}
          aria-pressed={range.kind === 'preset' && range.preset === p.key}
          onClick={() => onChange({ kind: 'preset', preset: p.key })}
        >
          {p.label}
        </button>
      ))}
      <Popover.Root
        open={open}
        onOpenChange={(next) => {
          if (next && range.kind === 'custom') {
            setFrom(toLocalInput(range.from));
            setTo(toLocalInput(range.to));
          }
          setOpen(next);
        }}
      >
        <Popover.Trigger asChild>
          <button type="button" className={`btn btn-small`} aria-pressed={range.kind === 'custom'} data-testid="events-range-custom">
            {range.kind === 'custom' ? `${formatDateTime(bounds.from)} – ${formatDateTime(bounds.to)}` : 'Custom'}
          </button>
        </Popover.Trigger>
        <Popover.Portal>
          <Popover.Content className="menu events-range-popover" align="end" sideOffset={6}>
            <form
              className="form"
              onSubmit={(e) => {
                e.preventDefault();
                if (!valid) return;
                onChange({ kind: 'custom', from: fromIso, to: toIso });
                setOpen(false);
              }}
            >
              <div className="field">
                <label className="field-label" htmlFor="events-from">
                  From
                </label>
                <input id="events-from" name="from" className="input" type="datetime-local" value={from} onChange={(e) => setFrom(e.target.value)} />
              </div>
              <div className="field">
                <label className="field-label" htmlFor="events-to">
                  To
                </label>
                <input id="events-to" name="to" className="input" type="datetime-local" value={to} onChange={(e) => setTo(e.target.value)} />
              </div>
              {valid ? null : <p className="field-error">The start must come before the end.</p>}
              <div className="button-row">
                <button type="submit" className="btn btn-primary btn-small" disabled={!valid}>
                  Apply
                </button>
              </div>
            </form>
          </Popover.Content>
        </Popover.Portal>
      </Popover.Root>
    </div>
  );
}
