import type { FormEvent } from 'react';
import type { SearchText } from '../lib/use-search-text';

interface SearchBarProps {
  readonly search: SearchText;
  /** The accessible name of the box, e.g. "Search intelligence". */
  readonly label: string;
  readonly placeholder: string;
  readonly autoFocus?: boolean;
}

/** The wide search box above a faceted result list. */
export function SearchBar({ search, label, placeholder, autoFocus }: SearchBarProps) {
  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    search.submit();
  }

  return (
    <form className="kb-search" role="search" onSubmit={onSubmit}>
      <input
        type="search"
        name="q"
        className="input input-search kb-search-input"
        placeholder={placeholder}
        aria-label={label}
        value={search.text}
        onChange={(e) => search.setText(e.target.value)}
        autoFocus={autoFocus}
      />
      <button type="submit" className="btn btn-primary">
        Search
      </button>
    </form>
  );
}
