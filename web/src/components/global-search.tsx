import './global-search.css';
import * as Popover from '@radix-ui/react-popover';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useState, type KeyboardEvent } from 'react';
import { useNavigate } from 'react-router-dom';
import { searchEverything } from '../api/assets';
import type { SearchAnswer, SearchHit } from '../api/types';
import { useDebounced } from '../lib/use-debounced';

const kindNames: Readonly<Record<SearchHit['kind'], string>> = { asset: 'Asset', vulnerability: 'Vulnerability', intel: 'Intelligence' };
const shapeNames: Readonly<Record<SearchAnswer['recognised'], string>> = {
  ip: 'an IP address',
  mac: 'a MAC address',
  cve: 'a CVE id',
  advisory: 'an advisory id',
  stix: 'a STIX id',
  hostname: 'a host name',
  text: 'text',
};

const searchKey = (q: string) => ['search', q] as const;

/**
 * The top bar's search: an IP or MAC address, host or asset name, CVE or advisory id, STIX id or
 * indicator value. Hits appear under the field (a combobox: arrows move, Enter opens, Escape closes);
 * Enter on text that names exactly one thing goes straight to it.
 */
export function GlobalSearch() {
  const navigate = useNavigate();
  const client = useQueryClient();
  const listId = useId();
  const [text, setText] = useState('');
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const q = useDebounced(text.trim(), 200);
  const query = useQuery({ queryKey: searchKey(q), queryFn: ({ signal }) => searchEverything(q, signal), enabled: q.length >= 2, staleTime: 30_000 });
  const answer = q === text.trim() ? query.data : undefined;
  const hits = answer?.hits ?? [];

  function go(hit: SearchHit) {
    setOpen(false);
    setText('');
    setActive(-1);
    void navigate(hit.link);
  }

  async function onEnter() {
    const typed = text.trim();
    if (typed === '') return;
    const chosen = hits[active];
    if (chosen !== undefined) {
      go(chosen);
      return;
    }
    // Enter may come before the debounced search: ask now, and go straight to a single exact hit.
    const result = await client.fetchQuery({ queryKey: searchKey(typed), queryFn: ({ signal }) => searchEverything(typed, signal), staleTime: 30_000 });
    const exact = result.hits.filter((h) => h.exact);
    const only = exact.length === 1 ? exact[0] : result.hits.length === 1 ? result.hits[0] : undefined;
    if (only !== undefined) go(only);
    else setOpen(true);
  }

  function onKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      setOpen(true);
      if (hits.length > 0) setActive((i) => (event.key === 'ArrowDown' ? (i + 1) % hits.length : (i <= 0 ? hits.length : i) - 1));
    } else if (event.key === 'Enter') {
      event.preventDefault();
      void onEnter().catch(() => setOpen(true));
    } else if (event.key === 'Escape') {
      setOpen(false);
      setActive(-1);
    }
  }

  const showing = open && text.trim().length >= 2;
  const optionId = (i: number) => `${listId}-hit-${i}`;
  return (
    <Popover.Root open={showing} onOpenChange={setOpen}>
      <Popover.Anchor asChild>
        <div className="global-search">
          <input
            type="search"
            className="input"
            placeholder="Search IP, MAC, host, CVE, STIX id…"
            aria-label="Search everything"
            role="combobox"
            aria-autocomplete="list"
            aria-expanded={showing}
            aria-controls={listId}
            {...(showing && active >= 0 && active < hits.length ? { 'aria-activedescendant': optionId(active) } : {})}
            data-global-search
            data-testid="global-search"
            value={text}
            onChange={(e) => {
              setText(e.target.value);
              setActive(-1);
              setOpen(e.target.value.trim().length >= 2);
            }}
            onFocus={() => setOpen(text.trim().length >= 2)}
            onKeyDown={onKeyDown}
          />
        </div>
      </Popover.Anchor>
      <Popover.Portal>
        <Popover.Content
          align="start"
          sideOffset={4}
          // The field keeps the focus: the list is read through aria-activedescendant.
          onOpenAutoFocus={(e) => e.preventDefault()}
          onInteractOutside={(e) => {
            if (e.target instanceof Element && e.target.closest('.global-search') !== null) e.preventDefault();
          }}
        >
          <ul id={listId} role="listbox" aria-label="Search results" className="search-hits" data-testid="global-search-hits">
            {answer === undefined ? (
              <li className="search-empty" role="presentation">
                {query.isError ? 'Search failed; try again.' : 'Searching…'}
              </li>
            ) : hits.length === 0 ? (
              <li className="search-empty" role="presentation">
                Nothing you may see matches {shapeNames[answer.recognised]} “{answer.query}”.
              </li>
            ) : (
              hits.map((hit, i) => (
                <li
                  key={`${hit.kind}-${hit.id}`}
                  id={optionId(i)}
                  role="option"
                  aria-selected={i === active}
                  className="search-hit"
                  data-kind={hit.kind}
                  data-exact={hit.exact}
                  onMouseDown={(e) => e.preventDefault()}
                  onClick={() => go(hit)}
                  onMouseEnter={() => setActive(i)}
                >
                  <span className="search-hit-kind">
                    {kindNames[hit.kind]}
                    {hit.exact ? ' · exact' : ''}
                  </span>
                  <span className="search-hit-label">{hit.label}</span>
                  {hit.detail === null ? null : <span className="search-hit-detail">{hit.detail}</span>}
                </li>
              ))
            )}
          </ul>
        </Popover.Content>
      </Popover.Portal>
    </Popover.Root>
  );
}
