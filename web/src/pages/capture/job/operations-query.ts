import type { OperationQuery } from '../../../api/capture-types';
import { isOperationClass, isProtocolId, type OperationClass, type ProtocolId } from '../../../api/types';

/** The timeline's filters as they sit in the URL, so a filtered view can be linked and reloaded. */
export interface OperationFilter {
  readonly protocol: ProtocolId | '';
  readonly operation: readonly OperationClass[];
  readonly host: string;
  /** ISO 8601 instants, or ''. */
  readonly from: string;
  readonly to: string;
}

export const noFilter: OperationFilter = { protocol: '', operation: [], host: '', from: '', to: '' };

export function filterFromParams(params: URLSearchParams): OperationFilter {
  const protocol = params.get('protocol') ?? '';
  return {
    protocol: isProtocolId(protocol) ? protocol : '',
    operation: (params.get('operation') ?? '').split(',').filter(isOperationClass),
    host: params.get('host') ?? '',
    from: params.get('from') ?? '',
    to: params.get('to') ?? '',
  };
}

/** Writes the filters into `params`, keeping what else is there (the selected view). */
export function paramsWithFilter(params: URLSearchParams, filter: OperationFilter): URLSearchParams {
  const next = new URLSearchParams(params);
  const set = (key: string, value: string) => (value === '' ? next.delete(key) : next.set(key, value));
  set('protocol', filter.protocol);
  set('operation', filter.operation.join(','));
  set('host', filter.host.trim());
  set('from', filter.from);
  set('to', filter.to);
  return next;
}

export function queryOf(filter: OperationFilter): OperationQuery {
  return { protocol: filter.protocol, operation: filter.operation, host: filter.host.trim(), from: filter.from, to: filter.to };
}

/** The same filters without the class selection: the histogram and the class counts show every class. */
export function withoutClasses(filter: OperationFilter): OperationQuery {
  return queryOf({ ...filter, operation: [] });
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** An ISO instant as the value of a `datetime-local` input, in the browser's time zone, to the millisecond. */
export function isoToLocalInput(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}.${pad(d.getMilliseconds(), 3)}`;
}

/** A `datetime-local` value (local time, no zone) as an ISO instant for the API; '' when empty or invalid. */
export function localInputToIso(value: string): string {
  if (value === '') return '';
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? '' : d.toISOString();
}
