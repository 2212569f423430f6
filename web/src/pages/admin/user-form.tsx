import { useState } from 'react';
import { z } from 'zod';
import { createUser, type UserCreate } from '../../api/admin';
import { roles, type Organisation, type Role, type User } from '../../api/types';
import { FormErrorBanner } from '../../components/error-banner';
import { FormSelectField, FormTextField, setServerErrors, useZodForm } from '../../components/form-kit';
import { Modal } from '../../components/modal';
import { capitalise } from '../../lib/format';
import { orgTree } from './org-tree';

export const MIN_PASSWORD = 12;

interface UserFormProps {
  readonly orgs: readonly Organisation[];
  readonly onCreated: (user: User) => void;
  readonly onClose: () => void;
}

const userSchema = z.object({
  username: z
    .string()
    .trim()
    .min(1, 'Enter a username.')
    .min(2, 'At least 2 characters.')
    .max(64)
    .regex(/^[a-zA-Z0-9._@-]+$/, 'Letters, digits and . _ @ - only.'),
  displayName: z.string().trim().max(200),
  orgId: z.string().min(1, 'Choose an organisation.'),
  role: z.enum(roles),
  password: z.string().max(1024).refine((p) => p === '' || p.length >= MIN_PASSWORD, `At least ${MIN_PASSWORD} characters, or leave it empty.`),
});

const userFields = ['username', 'displayName', 'orgId', 'role', 'password'] as const;

export function UserForm({ orgs, onCreated, onClose }: UserFormProps) {
  const tree = orgTree(orgs);
  const form = useZodForm(userSchema, { username: '', displayName: '', orgId: tree[0]?.org.id ?? '', role: 'viewer' as Role, password: '' });
  const [error, setError] = useState<unknown>(null);
  const [fieldErrorCount, setFieldErrorCount] = useState(0);
  const busy = form.formState.isSubmitting;
  const passwordHint = `At least ${MIN_PASSWORD} characters. Leave empty for a user who only uses API tokens.`;

  const onSubmit = form.handleSubmit(async (values) => {
    setError(null);
    const body: UserCreate = { username: values.username, orgId: values.orgId, role: values.role };
    if (values.displayName !== '') body.displayName = values.displayName;
    if (values.password !== '') body.password = values.password;
    try {
      onCreated(await createUser(body));
    } catch (e) {
      setFieldErrorCount(setServerErrors(form.setError, e, userFields));
      setError(e);
    }
  });

  const footer = (
    <>
      <span className="spacer" />
      <button type="button" className="btn" onClick={onClose} disabled={busy}>
        Cancel
      </button>
      <button type="submit" form="user-form" className="btn btn-primary" disabled={busy}>
        {busy ? 'Creating…' : 'Create user'}
      </button>
    </>
  );

  return (
    <Modal title="New user" onClose={onClose} footer={footer} testId="user-dialog">
      <FormErrorBanner error={error} fieldErrorCount={fieldErrorCount} />
      <form id="user-form" className="form" onSubmit={(e) => void onSubmit(e)} noValidate>
        <div className="form-row">
          <FormTextField control={form.control} name="username" id="new-user-username" label="Username" required autoFocus autoComplete="off" />
          <FormTextField control={form.control} name="displayName" label="Display name" placeholder="Defaults to the username" />
        </div>
        <div className="form-row">
          <FormSelectField
            control={form.control}
            name="orgId"
            label="Organisation"
            options={tree.map((n) => ({ value: n.org.id, label: `${'\u2003'.repeat(n.depth)}${n.org.name}` }))}
          />
          <FormSelectField control={form.control} name="role" label="Role" options={roles.map((r) => ({ value: r, label: capitalise(r) }))} />
        </div>
        <FormTextField
          control={form.control}
          name="password"
          id="new-user-password"
          label="Initial password"
          type="password"
          autoComplete="new-password"
          hint={passwordHint}
        />
      </form>
    </Modal>
  );
}
