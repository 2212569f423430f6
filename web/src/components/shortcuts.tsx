import * as Dialog from '@radix-ui/react-dialog';
import { useEffect, useRef, useState } from 'react';
import { useNavigate } from 'react-router-dom';
import type { NavItem } from './nav-items';

/** Where `/` puts the focus: the global search field carries this attribute. */
export const GLOBAL_SEARCH_SELECTOR = '[data-global-search]';

function typingInto(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}

/**
 * Keyboard shortcuts of the whole console: `/` search, `g` then a letter to open a section, `?` this
 * list. Keys typed into fields are left alone, and so are keys with Ctrl, Alt or Meta.
 */
export function Shortcuts({ items }: { readonly items: readonly NavItem[] }) {
  const navigate = useNavigate();
  const [open, setOpen] = useState(false);
  const pendingG = useRef<number | null>(null);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.ctrlKey || event.altKey || event.metaKey || event.defaultPrevented || typingInto(event.target)) return;
      if (document.querySelector('dialog[open], [role="dialog"], [role="menu"]') !== null && !open) return;
      if (pendingG.current !== null) {
        window.clearTimeout(pendingG.current);
        pendingG.current = null;
        const item = items.find((i) => i.key === event.key.toLowerCase());
        if (item !== undefined) {
          event.preventDefault();
          void navigate(item.to);
        }
        return;
      }
      if (event.key === '/') {
        const search = document.querySelector<HTMLElement>(GLOBAL_SEARCH_SELECTOR);
        if (search !== null) {
          event.preventDefault();
          search.focus();
        }
      } else if (event.key === '?') {
        event.preventDefault();
        setOpen(true);
      } else if (event.key === 'g') {
        pendingG.current = window.setTimeout(() => (pendingG.current = null), 1500);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [items, navigate, open]);

  return <ShortcutsDialog items={items} open={open} onOpenChange={setOpen} />;
}

interface ShortcutsDialogProps {
  readonly items: readonly NavItem[];
  readonly open: boolean;
  readonly onOpenChange: (open: boolean) => void;
}

export function ShortcutsDialog({ items, open, onOpenChange }: ShortcutsDialogProps) {
  return (
    <Dialog.Root open={open} onOpenChange={onOpenChange}>
      <Dialog.Portal>
        <Dialog.Overlay className="radix-overlay" />
        <Dialog.Content className="radix-dialog" data-testid="shortcuts-dialog">
          <div className="overlay-header">
            <Dialog.Title className="overlay-title">Keyboard shortcuts</Dialog.Title>
            <Dialog.Close className="overlay-close" aria-label="Close">
              ×
            </Dialog.Close>
          </div>
          <Dialog.Description className="muted small shortcuts-intro">Shortcuts work anywhere except while typing in a field.</Dialog.Description>
          <table className="mini-table shortcuts-table">
            <caption className="sr-only">Keyboard shortcuts</caption>
            <thead>
              <tr>
                <th scope="col">Keys</th>
                <th scope="col">Action</th>
              </tr>
            </thead>
            <tbody>
              <tr>
                <td>
                  <kbd>/</kbd>
                </td>
                <td>Search everything</td>
              </tr>
              {items.map((item) => (
                <tr key={item.to}>
                  <td>
                    <kbd>g</kbd> <kbd>{item.key}</kbd>
                  </td>
                  <td>Open {item.label}</td>
                </tr>
              ))}
              <tr>
                <td>
                  <kbd>?</kbd>
                </td>
                <td>Show this list</td>
              </tr>
            </tbody>
          </table>
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}
