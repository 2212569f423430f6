import * as DropdownMenu from '@radix-ui/react-dropdown-menu';
import {
  getCoreRowModel,
  getSortedRowModel,
  useReactTable,
  type ColumnDef,
  type Row,
  type RowSelectionState,
  type SortingFn,
  type SortingState,
  type Updater,
  type VisibilityState,
} from '@tanstack/react-table';
import { Fragment, isValidElement, useEffect, useMemo, useState, type KeyboardEvent, type ReactNode } from 'react';
import { csvFileName, toCsv, type CsvCell } from '../lib/csv';
import { downloadText } from '../lib/download';
import { ErrorBanner } from './error-banner';

export type SortValue = string | number | boolean | null | undefined;

export interface Column<T> {
  readonly key: string;
  readonly header: string;
  readonly render: (row: T) => ReactNode;
  /** Extra class for header and cells: `num`, `mono`, `nowrap`, `wrap`. */
  readonly className?: string;
  /** Makes the header sort the rows given (in the browser) by this value; nulls sort last. */
  readonly sortValue?: (row: T) => SortValue;
  /** For tables sorted by the server (`sort`/`onSortChange`): the header asks for this key. */
  readonly sortable?: boolean;
  /** The cell in CSV exports; defaults to `sortValue`, then to the text of `render`. */
  readonly csv?: (row: T) => CsvCell;
  /** Starts hidden; the user can show it from "Columns". */
  readonly hiddenByDefault?: boolean;
  /** Cannot be hidden (the column that names the row). */
  readonly alwaysShown?: boolean;
}

export interface SortState {
  readonly key: string;
  readonly desc: boolean;
}

export interface TableSelection<T> {
  /** Buttons acting on the selected rows (bulk edit, delete); `clear` empties the selection. */
  readonly actions: (rows: readonly T[], clear: () => void) => ReactNode;
  readonly canSelect?: (row: T) => boolean;
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
  /** Shown instead of the table when there are no rows (and nothing failed or is loading). */
  readonly empty?: ReactNode;
  readonly loading?: boolean;
  /**
   * The last request failed: the banner replaces the empty state and the loading row, so a page never
   * says "Loading…", "failed" and "nothing here" at once.
   */
  readonly error?: unknown;
  readonly errorTitle?: string;
  /** Server-side sorting: the current order and the handler; headers of `sortable` columns ask for it. */
  readonly sort?: SortState | null;
  readonly onSortChange?: (sort: SortState | null) => void;
  /** Adds a checkbox column and a bar with these actions while rows are selected. */
  readonly selection?: TableSelection<T>;
  /** Adds "Export CSV" of the rows given (i.e. as filtered), in the shown order and columns. */
  readonly exportName?: string;
  /** "Columns" menu to show and hide columns; on by default from six columns. Choices are remembered. */
  readonly columnChoice?: boolean;
  /** Extra controls at the left of the table's toolbar. */
  readonly toolbar?: ReactNode;
  /** What shows under a row across all columns (an expanded record); null: nothing. */
  readonly expanded?: (row: T) => ReactNode;
}

/** The text a cell renders, for CSV: strings and numbers inside the element tree, in order. */
export function nodeText(node: ReactNode): string {
  if (node === null || node === undefined || typeof node === 'boolean') return '';
  if (typeof node === 'string' || typeof node === 'number' || typeof node === 'bigint') return String(node);
  if (Array.isArray(node)) return node.map((n: ReactNode) => nodeText(n)).join('');
  if (isValidElement<{ children?: ReactNode }>(node)) return nodeText(node.props.children);
  return '';
}

function compareValues(a: SortValue, b: SortValue): number {
  const aMissing = a === null || a === undefined || a === '';
  const bMissing = b === null || b === undefined || b === '';
  if (aMissing || bMissing) return aMissing === bMissing ? 0 : aMissing ? 1 : -1;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return String(a).localeCompare(String(b), undefined, { numeric: true, sensitivity: 'base' });
}

const bySortValue: SortingFn<unknown> = (a, b, id) => compareValues(a.getValue<SortValue>(id), b.getValue<SortValue>(id));

const storageKey = (label: string) => `bulwark.columns.${label}`;

function storedVisibility(label: string): VisibilityState | null {
  try {
    const text = window.localStorage.getItem(storageKey(label));
    const value: unknown = text === null ? null : JSON.parse(text);
    return typeof value === 'object' && value !== null ? (value as VisibilityState) : null;
  } catch {
    return null;
  }
}

function initialVisibility<T>(label: string, columns: readonly Column<T>[]): VisibilityState {
  const stored = storedVisibility(label) ?? {};
  return Object.fromEntries(columns.map((c) => [c.key, c.alwaysShown === true ? true : (stored[c.key] ?? c.hiddenByDefault !== true)]));
}

function apply<S>(updater: Updater<S>, before: S): S {
  return typeof updater === 'function' ? (updater as (old: S) => S)(before) : updater;
}

function ariaSort(direction: false | 'asc' | 'desc'): 'ascending' | 'descending' | 'none' {
  return direction === 'asc' ? 'ascending' : direction === 'desc' ? 'descending' : 'none';
}

export function DataTable<T>(props: DataTableProps<T>) {
  const { columns, rows, rowKey, label, testId, onRowClick, rowClassName, empty, loading, error, errorTitle, sort, onSortChange, selection, exportName, toolbar, expanded } = props;
  const manualSort = onSortChange !== undefined;
  const [localSorting, setLocalSorting] = useState<SortingState>([]);
  const [visibility, setVisibility] = useState<VisibilityState>(() => initialVisibility(label, columns));
  const [selected, setSelected] = useState<RowSelectionState>({});
  const columnChoice = props.columnChoice ?? columns.length >= 6;

  useEffect(() => {
    try {
      window.localStorage.setItem(storageKey(label), JSON.stringify(visibility));
    } catch {
      // Private windows may refuse storage; the choice then lasts for this page only.
    }
  }, [label, visibility]);

  const defs = useMemo<ColumnDef<T>[]>(
    () =>
      columns.map((c) => ({
        id: c.key,
        header: c.header,
        accessorFn: (row: T) => c.sortValue?.(row) ?? null,
        enableSorting: manualSort ? c.sortable === true : c.sortValue !== undefined,
        enableHiding: c.alwaysShown !== true,
        sortingFn: bySortValue as SortingFn<T>,
        sortDescFirst: false,
      })),
    [columns, manualSort],
  );

  const sorting: SortingState = manualSort ? (sort === null || sort === undefined ? [] : [{ id: sort.key, desc: sort.desc }]) : localSorting;
  const table = useReactTable<T>({
    data: rows as T[],
    columns: defs,
    getRowId: (row) => rowKey(row),
    getCoreRowModel: getCoreRowModel(),
    getSortedRowModel: getSortedRowModel(),
    manualSorting: manualSort,
    enableMultiSort: false,
    enableSortingRemoval: true,
    enableRowSelection: selection === undefined ? false : (row: Row<T>) => selection.canSelect?.(row.original) ?? true,
    state: { sorting, columnVisibility: visibility, rowSelection: selected },
    onSortingChange: (updater) => {
      const next = apply(updater, sorting);
      if (!manualSort) {
        setLocalSorting(next);
        return;
      }
      const first = next[0];
      onSortChange(first === undefined ? null : { key: first.id, desc: first.desc });
    },
    onColumnVisibilityChange: (updater) => setVisibility((before) => apply(updater, before)),
    onRowSelectionChange: (updater) => setSelected((before) => apply(updater, before)),
  });

  const shownColumns = columns.filter((c) => visibility[c.key] !== false);
  const sortedRows = table.getRowModel().rows;
  const selectedRows = sortedRows.filter((r) => r.getIsSelected()).map((r) => r.original);
  const failed = error !== null && error !== undefined;

  if (rows.length === 0 && failed) return <ErrorBanner error={error} {...(errorTitle === undefined ? {} : { title: errorTitle })} />;
  if (rows.length === 0 && loading !== true && empty !== undefined) return <>{empty}</>;

  function onKey(event: KeyboardEvent<HTMLTableRowElement>, row: T) {
    if (onRowClick !== undefined && event.target === event.currentTarget && (event.key === 'Enter' || event.key === ' ')) {
      event.preventDefault();
      onRowClick(row);
    }
  }

  function exportCsv() {
    const csvColumns = shownColumns;
    const lines = sortedRows.map((r) => csvColumns.map((c) => (c.csv ?? c.sortValue ?? ((row: T) => nodeText(c.render(row))))(r.original)));
    downloadText(csvFileName(exportName ?? label), toCsv(csvColumns.map((c) => c.header), lines as CsvCell[][]));
  }

  const hasToolbar = toolbar !== undefined || exportName !== undefined || columnChoice || selection !== undefined;
  const clear = () => setSelected({});
  return (
    <div className="table-block">
      {failed ? <ErrorBanner error={error} {...(errorTitle === undefined ? {} : { title: errorTitle })} /> : null}
      {hasToolbar ? (
        <div className="table-toolbar" data-testid={testId === undefined ? undefined : `${testId}-toolbar`}>
          <div className="table-toolbar-start">
            {selection !== undefined && selectedRows.length > 0 ? (
              <div className="bulk-bar" role="region" aria-label="Selected rows">
                <span className="bulk-count">{selectedRows.length} selected</span>
                {selection.actions(selectedRows, clear)}
                <button type="button" className="btn btn-link btn-small" onClick={clear}>
                  Clear selection
                </button>
              </div>
            ) : (
              toolbar
            )}
          </div>
          <div className="table-toolbar-end">
            {columnChoice ? <ColumnMenu label={label} columns={columns} visibility={visibility} onToggle={(key, shown) => setVisibility((v) => ({ ...v, [key]: shown }))} /> : null}
            {exportName === undefined ? null : (
              <button type="button" className="btn btn-small" onClick={exportCsv} disabled={rows.length === 0}>
                Export CSV
              </button>
            )}
          </div>
        </div>
      ) : null}
      <div className="table-wrap">
        <table
          className={onRowClick === undefined ? 'table' : 'table table-clickable'}
          aria-label={label}
          {...(testId === undefined ? {} : { 'data-testid': testId })}
        >
          <thead>
            <tr>
              {selection === undefined ? null : (
                <th scope="col" className="select-cell">
                  <input
                    type="checkbox"
                    aria-label="Select all rows"
                    checked={table.getIsAllRowsSelected()}
                    ref={(el) => {
                      if (el !== null) el.indeterminate = table.getIsSomeRowsSelected();
                    }}
                    onChange={table.getToggleAllRowsSelectedHandler()}
                  />
                </th>
              )}
              {table.getHeaderGroups()[0]?.headers.map((header) => {
                const column = columns.find((c) => c.key === header.column.id);
                const canSort = header.column.getCanSort();
                const direction = header.column.getIsSorted();
                return (
                  <th key={header.id} scope="col" className={column?.className} {...(canSort ? { 'aria-sort': ariaSort(direction) } : {})}>
                    {canSort ? (
                      <button type="button" className="sort-button" onClick={header.column.getToggleSortingHandler()}>
                        {column?.header}
                        <span className="sort-mark" aria-hidden="true">
                          {direction === 'asc' ? '▲' : direction === 'desc' ? '▼' : '↕'}
                        </span>
                      </button>
                    ) : (
                      column?.header
                    )}
                  </th>
                );
              })}
            </tr>
          </thead>
          <tbody>
            {sortedRows.map((r) => {
              const row = r.original;
              const detail = expanded?.(row) ?? null;
              return (
                <Fragment key={r.id}>
                <tr
                  data-id={r.id}
                  className={[rowClassName?.(row), r.getIsSelected() ? 'row-selected' : ''].filter(Boolean).join(' ') || undefined}
                  {...(onRowClick === undefined
                    ? {}
                    : { onClick: () => onRowClick(row), onKeyDown: (e: KeyboardEvent<HTMLTableRowElement>) => onKey(e, row), tabIndex: 0 })}
                >
                  {selection === undefined ? null : (
                    <td className="select-cell" onClick={(e) => e.stopPropagation()}>
                      <input
                        type="checkbox"
                        aria-label={`Select row ${nodeText(shownColumns[0]?.render(row)) || r.id}`}
                        checked={r.getIsSelected()}
                        disabled={!r.getCanSelect()}
                        onChange={r.getToggleSelectedHandler()}
                      />
                    </td>
                  )}
                  {shownColumns.map((c) => (
                    <td key={c.key} className={c.className}>
                      {c.render(row)}
                    </td>
                  ))}
                </tr>
                {detail === null ? null : (
                  <tr className="row-expanded" data-expanded-for={r.id}>
                    <td colSpan={shownColumns.length + (selection === undefined ? 0 : 1)}>{detail}</td>
                  </tr>
                )}
                </Fragment>
              );
            })}
            {loading === true && rows.length === 0 && !failed ? (
              <tr className="table-loading">
                <td colSpan={shownColumns.length + (selection === undefined ? 0 : 1)}>Loading…</td>
              </tr>
            ) : null}
          </tbody>
        </table>
      </div>
    </div>
  );
}

interface ColumnMenuProps<T> {
  readonly label: string;
  readonly columns: readonly Column<T>[];
  readonly visibility: VisibilityState;
  readonly onToggle: (key: string, shown: boolean) => void;
}

function ColumnMenu<T>({ label, columns, visibility, onToggle }: ColumnMenuProps<T>) {
  const hidden = columns.filter((c) => visibility[c.key] === false).length;
  return (
    <DropdownMenu.Root>
      <DropdownMenu.Trigger asChild>
        <button type="button" className="btn btn-small" aria-label={`Choose columns of ${label}`}>
          Columns{hidden === 0 ? '' : ` (${hidden} hidden)`}
        </button>
      </DropdownMenu.Trigger>
      <DropdownMenu.Portal>
        <DropdownMenu.Content className="menu" align="end" sideOffset={4}>
          <DropdownMenu.Label className="menu-label">Show columns</DropdownMenu.Label>
          {columns.map((c) => (
            <DropdownMenu.CheckboxItem
              key={c.key}
              className="menu-item menu-check"
              checked={visibility[c.key] !== false}
              disabled={c.alwaysShown === true}
              onCheckedChange={(checked) => onToggle(c.key, checked)}
              // Several columns are often toggled in a row: the menu stays open.
              onSelect={(event) => event.preventDefault()}
            >
              <span className="menu-check-mark" aria-hidden="true">
                {visibility[c.key] !== false ? '✓' : ''}
              </span>
              {c.header}
            </DropdownMenu.CheckboxItem>
          ))}
        </DropdownMenu.Content>
      </DropdownMenu.Portal>
    </DropdownMenu.Root>
  );
}
