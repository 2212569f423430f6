import * as DropdownMenu from '@radix-ui/react-dropdown-menu';
import * as Popover from '@radix-ui/react-popover';
import { useState } from 'react';
import { z } from 'zod';
import { deleteAlertView, listAlertViews, saveAlertView, type AlertFilter, type AlertView } from '../../api/detection';
import { ErrorBanner, FormErrorBanner } from '../../components/error-banner';
import { FormTextField, setServerErrors, useZodForm } from '../../components/form-kit';
import { useLoad } from '../../lib/use-load';

const viewForm = z.object({ name: z.string().trim().min(1).max(100) });

interface SavedViewsProps {
  /** The queue's filters now, as a view keeps them (no time: a view shows what is current when opened). */
  readonly current: AlertFilter;
  readonly onOpen: (view: AlertView) => void;
}

/** The person's saved views of the queue, kept on the server: open one, remove one, save the filters shown. */
export function SavedViews({ current, onOpen }: SavedViewsProps) {
  const { load, reload } = useLoad((signal) => listAlertViews(signal), [], { key: ['detection', 'views'] });
  const views = load.data ?? [];
  const [naming, setNaming] = useState(false);
  const [failure, setFailure] = useState<unknown>(null);
  const form = useZodForm(viewForm, { name: '' });
  const [submitError, setSubmitError] = useState<unknown>(null);
  const [fieldErrors, setFieldErrors] = useState(0);

  const submit = form.handleSubmit(async ({ name }) => {
    setSubmitError(null);
    try {
      await saveAlertView(name, current);
      form.reset({ name: '' });
      setNaming(false);
      reload();
    } catch (error) {
      setFieldErrors(setServerErrors(form.setError, error, ['name']));
      setSubmitError(error);
    }
  });

  async function remove(view: AlertView) {
    setFailure(null);
    try {
      await deleteAlertView(view.id);
      reload();
    } catch (error) {
      setFailure(error);
    }
  }

  return (
    <div className="alert-views" data-testid="alert-views">
      <DropdownMenu.Root>
        <DropdownMenu.Trigger asChild>
          <button type="button" className="btn btn-small">
            Views{views.length === 0 ? '' : ` (${views.length})`}
          </button>
        </DropdownMenu.Trigger>
        <DropdownMenu.Portal>
          <DropdownMenu.Content className="menu" align="start" sideOffset={4}>
            {views.length === 0 ? <DropdownMenu.Label className="menu-label">No saved view yet</DropdownMenu.Label> : null}
            {views.map((v) => (
              <DropdownMenu.Item key={v.id} className="menu-item" onSelect={() => onOpen(v)}>
                {v.name}
              </DropdownMenu.Item>
            ))}
            {views.length === 0 ? null : <DropdownMenu.Separator className="menu-separator" />}
            {views.map((v) => (
              <DropdownMenu.Item key={`remove-${v.id}`} className="menu-item" onSelect={() => void remove(v)}>
                Remove view “{v.name}”
              </DropdownMenu.Item>
            ))}
          </DropdownMenu.Content>
        </DropdownMenu.Portal>
      </DropdownMenu.Root>
      <Popover.Root open={naming} onOpenChange={setNaming}>
        <Popover.Trigger asChild>
          <button type="button" className="btn btn-small">
            Save view…
          </button>
        </Popover.Trigger>
        <Popover.Portal>
          <Popover.Content className="menu save-view-popover" align="start" sideOffset={4} aria-label="Save the queue’s filters as a view">
            <form onSubmit={(e) => void submit(e)} noValidate>
              <FormTextField control={form.control} name="name" label="View name" />
              <FormErrorBanner error={submitError} fieldErrorCount={fieldErrors} />
              <button type="submit" className="btn btn-primary btn-small">
                Save view
              </button>
            </form>
          </Popover.Content>
        </Popover.Portal>
      </Popover.Root>
      {failure === null ? null : <ErrorBanner error={failure} title="Could not remove the view." />}
    </div>
  );
}
