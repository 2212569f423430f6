import * as DropdownMenu from '@radix-ui/react-dropdown-menu';
import * as Popover from '@radix-ui/react-popover';
import { useState } from 'react';
import { deleteSavedFilter, listSavedFilters, saveFilter } from '../../api/assets';
import type { AssetSelection, SavedAssetFilter } from '../../api/types';
import { ErrorBanner } from '../../components/error-banner';
import { useLoad } from '../../lib/use-load';

interface SavedFiltersProps {
  /** What the list shows now, as a saved filter keeps it. */
  readonly current: AssetSelection;
  readonly onApply: (filter: AssetSelection) => void;
}

/** The caller's saved filters (kept on the server, per user): apply one, delete one, save the current one. */
export function SavedFilters({ current, onApply }: SavedFiltersProps) {
  const { load, reload } = useLoad((signal) => listSavedFilters(signal), [], { key: ['assets', 'saved-filters'] });
  const saved: readonly SavedAssetFilter[] = load.data ?? [];
  const [naming, setNaming] = useState(false);
  const [name, setName] = useState('');
  const [error, setError] = useState<unknown>(null);
  const nothingToSave = Object.values(current).every((v) => v === undefined || v === '');

  async function save() {
    setError(null);
    try {
      await saveFilter(name.trim(), current);
      setNaming(false);
      setName('');
      reload();
    } catch (e) {
      setError(e);
    }
  }

  async function remove(id: string) {
    setError(null);
    try {
      await deleteSavedFilter(id);
      reload();
    } catch (e) {
      setError(e);
    }
  }

  return (
    <div className="saved-filters" data-testid="saved-filters">
      <DropdownMenu.Root>
        <DropdownMenu.Trigger asChild>
          <button type="button" className="btn btn-small">
            Saved filters{saved.length === 0 ? '' : ` (${saved.length})`}
          </button>
        </DropdownMenu.Trigger>
        <DropdownMenu.Portal>
          <DropdownMenu.Content className="menu" align="start" sideOffset={4}>
            {saved.length === 0 ? <DropdownMenu.Label className="menu-label">None saved yet</DropdownMenu.Label> : null}
            {saved.map((f) => (
              <DropdownMenu.Item key={f.id} className="menu-item" onSelect={() => onApply(f.filter)}>
                {f.name}
              </DropdownMenu.Item>
            ))}
            {saved.length === 0 ? null : (
              <>
                <DropdownMenu.Separator className="menu-separator" />
                <DropdownMenu.Label className="menu-label">Delete</DropdownMenu.Label>
                {saved.map((f) => (
                  <DropdownMenu.Item key={`delete-${f.id}`} className="menu-item" onSelect={() => void remove(f.id)}>
                    Delete “{f.name}”
                  </DropdownMenu.Item>
                ))}
              </>
            )}
          </DropdownMenu.Content>
        </DropdownMenu.Portal>
      </DropdownMenu.Root>
      <Popover.Root open={naming} onOpenChange={setNaming}>
        <Popover.Trigger asChild>
          <button type="button" className="btn btn-small" disabled={nothingToSave} title={nothingToSave ? 'Choose filters or a sort order first' : undefined}>
            Save filters…
          </button>
        </Popover.Trigger>
        <Popover.Portal>
          <Popover.Content className="menu save-filter-popover" align="start" sideOffset={4} aria-label="Save the current filters">
            <form
              onSubmit={(e) => {
                e.preventDefault();
                void save();
              }}
            >
              <label htmlFor="saved-filter-name" className="field-label">
                Name
              </label>
              <input id="saved-filter-name" className="input" value={name} onChange={(e) => setName(e.target.value)} maxLength={100} required autoFocus />
              <button type="submit" className="btn btn-primary btn-small" disabled={name.trim() === ''}>
                Save
              </button>
            </form>
          </Popover.Content>
        </Popover.Portal>
      </Popover.Root>
      {error === null ? null : <ErrorBanner error={error} title="Could not change saved filters." />}
    </div>
  );
}
