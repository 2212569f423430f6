import { formatCount } from '../lib/format';

interface PagerProps {
  readonly total: number;
  readonly offset: number;
  readonly limit: number;
  readonly onOffset: (offset: number) => void;
  readonly disabled?: boolean;
}

/** Previous / next over an offset-paged list, with where the page sits in the whole. */
export function Pager({ total, offset, limit, onOffset, disabled }: PagerProps) {
  const first = total === 0 ? 0 : offset + 1;
  const last = Math.min(offset + limit, total);
  const page = Math.floor(offset / limit) + 1;
  const pages = Math.max(1, Math.ceil(total / limit));
  return (
    <nav className="pager" aria-label="Pages" data-testid="pager">
      <span className="muted small" data-testid="pager-range">
        {formatCount(first)}–{formatCount(last)} of {formatCount(total)}
      </span>
      <span className="pager-buttons">
        <button type="button" className="btn btn-small" onClick={() => onOffset(Math.max(0, offset - limit))} disabled={disabled === true || offset === 0}>
          ‹ Previous
        </button>
        <span className="small pager-page">
          Page {formatCount(page)} of {formatCount(pages)}
        </span>
        <button type="button" className="btn btn-small" onClick={() => onOffset(offset + limit)} disabled={disabled === true || last >= total}>
          Next ›
        </button>
      </span>
    </nav>
  );
}
