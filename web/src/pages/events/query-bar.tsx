import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import { applySuggestion, fieldSuggestions } from './events-model';

interface QueryBarProps {
  readonly value: string;
  readonly onSubmit: (query: string) => void;
}

/**
 * The query text, with field names suggested as one types (a combobox: arrows choose, Enter or Tab
 * takes, Escape closes); Enter without a suggestion open runs the query.
 */
export function QueryBar({ value, onSubmit }: QueryBarProps) {
  const [text, setText] = useState(value);
  const [caret, setCaret] = useState(value.length);
  const [active, setActive] = useState(0);
  const [closed, setClosed] = useState(true);
  const input = useRef<HTMLInputElement>(null);
  const listId = useId();
  useEffect(() => setText(value), [value]);

  const suggestions = closed ? [] : fieldSuggestions(text, caret);
  const open = suggestions.length > 0;

  function take(field: string) {
    const next = applySuggestion(text, caret, field);
    setText(next.text);
    setCaret(next.caret);
    setClosed(true);
    requestAnimationFrame(() => input.current?.setSelectionRange(next.caret, next.caret));
  }

  function onKey(event: KeyboardEvent<HTMLInputElement>) {
    if (!open) return;
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      const step = event.key === 'ArrowDown' ? 1 : -1;
      setActive((a) => (a + step + suggestions.length) % suggestions.length);
    } else if (event.key === 'Enter' || event.key === 'Tab') {
      const chosen = suggestions[Math.min(active, suggestions.length - 1)];
      if (chosen !== undefined) {
        event.preventDefault();
        take(chosen.name);
      }
    } else if (event.key === 'Escape') {
      event.preventDefault();
      setClosed(true);
    }
  }

  return (
    <form
      className="events-query"
      role="search"
      aria-label="Event query"
      onSubmit={(e) => {
        e.preventDefault();
        setClosed(true);
        onSubmit(text);
      }}
    >
      <div className="events-query-box">
        <input
          ref={input}
          className="input events-query-input"
          type="text"
          name="q"
          role="combobox"
          aria-label="Query"
          aria-autocomplete="list"
          aria-expanded={open}
          aria-controls={listId}
          {...(open ? { 'aria-activedescendant': `${listId}-${Math.min(active, suggestions.length - 1)}` } : {})}
          autoComplete="off"
          spellCheck={false}
          placeholder='e.g. protocol:s7comm action:(stop,program-download) source.ip:10.20.0.0/16 "plc stop"'
          value={text}
          onChange={(e) => {
            setText(e.target.value);
            setCaret(e.target.selectionStart ?? e.target.value.length);
            setActive(0);
            setClosed(false);
          }}
          onKeyDown={onKey}
          onBlur={() => setClosed(true)}
          data-testid="events-query"
        />
        <ul id={listId} role="listbox" aria-label="Fields" className={open ? 'events-suggestions' : 'events-suggestions events-suggestions-hidden'}>
          {suggestions.map((s, i) => (
            <li
              key={s.name}
              id={`${listId}-${i}`}
              role="option"
              aria-selected={i === active}
              className={i === active ? 'events-suggestion events-suggestion-active' : 'events-suggestion'}
              // mousedown, not click: the input's blur would close the list first.
              onMouseDown={(e) => {
                e.preventDefault();
                take(s.name);
              }}
            >
              <span className="mono">{s.name}</span>
              <span className="muted small">{s.hint}</span>
            </li>
          ))}
        </ul>
      </div>
      <button type="submit" className="btn btn-primary">
        Search
      </button>
    </form>
  );
}
