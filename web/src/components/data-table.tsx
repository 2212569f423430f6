import type { KeyboardEvent, ReactNode } from 'react';

export interface Column<T> {
  readonly key: string;
  readonly header: string;
  readonly render: (row: T) => ReactNode;
  /** Extra class for header and cells: `num`, `mono`, `nowrap`, `wrap`. */
  readonly className?: string;
}

interface DataTableProps<T> {
  readonly columns: readonly Column<T>[];
  readonly rows: readonly T[];
  readonly rowKey: (row: T) => string;
  readonly label: string;
  readonly testId?: string;
  /** Makes rows clickable and reachable with the keyboard. */
  readonly onRowClick?: (row: T) => void;
  readonly rowClassName?: (row: T) => string;
  /** Shown instead of the table when there are no rows. */
  readonly empty?: ReactNode;
  readonly loading?: boolean;
}

export function DataTable<T>({ columns, rows, rowKey, label, testId, onRowClick, rowClassName, empty, loading }: DataTableProps<T>) {
  if (rows.length === 0 && loading !== true && empty !== undefined) return <>{empty}</>;

  function onKey(event: KeyboardEvent<HTMLTableRowElement>, row: T) {
    if (onRowClick !== undefined && (event.key === 'Enter' || event.key === ' ')) {
      event.preventDefault();
      onRowClick(row);
    }
  }

  return (
    <div className="table-wrap">
      <table
        className={onRowClick === undefined ? 'table' : 'table table-clickable'}
        aria-label={label}
        {...(testId === undefined ? {} : { 'data-testid': testId })}
      >
        <thead>
          <tr>
            {columns.map((c) => (
              <th key={c.key} scope="col" className={c.className}>
                {c.header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr
              key={rowKey(row)}
              data-id={rowKey(row)}
              className={rowClassName?.(row)}
              {...(onRowClick === undefined
                ? {}
                : { onClick: () => onRowClick(row), onKeyDown: (e: KeyboardEvent<HTMLTableRowElement>) => onKey(e, row), tabIndex: 0 })}
            >
              {columns.map((c) => (
                <td key={c.key} className={c.className}>
                  {c.render(row)}
                </td>
              ))}
            </tr>
          ))}
          {loading === true && rows.length === 0 ? (
            <tr className="table-loading">
              <td colSpan={columns.length}>Loading…</td>
            </tr>
          ) : null}
        </tbody>
      </table>
    </div>
  );
}
