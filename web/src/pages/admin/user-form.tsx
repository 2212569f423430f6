import { useState, type FormEvent } from 'react';
import { createUser, type UserCreate } from '../../api/admin';
import { fieldErrors } from '../../api/client';
import { roles, type Organisation, type Role, type User } from '../../api/types';
import { FormErrorBanner } from '../../components/error-banner';
import { SelectField, TextField } from '../../components/form-field';
import { Modal } from '../../components/modal';
import { capitalise } from '../../lib/format';
import { orgTree } from './org-tree';

export const MIN_PASSWORD = 12;

interface UserFormProps {
  readonly orgs: readonly Organisation[];
  readonly onCreated: (user: User) => void;
  readonly onClose: () => void;
}

export function UserForm({ orgs, onCreated, onClose }: UserFormProps) {
  const tree = orgTree(orgs);
  const [username, setUsername] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [orgId, setOrgId] = useState(tree[0]?.org.id ?? '');
  const [role, setRole] = useState<Role>('viewer');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const errors = fieldErrors(error);
  const passwordHint = `At least ${MIN_PASSWORD} characters. Leave empty for a user who only uses API tokens.`;

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    const body: UserCreate = { username: username.trim(), orgId, role };
    if (displayName.trim() !== '') body.displayName = displayName.trim();
    if (password !== '') body.password = password;
    try {
      onCreated(await createUser(body));
    } catch (e) {
      setError(e);
      setBusy(false);
    }
  }

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
      <FormErrorBanner error={error} fieldErrorCount={Object.keys(errors).length} />
      <form id="user-form" className="form" onSubmit={(e) => void onSubmit(e)} noValidate>
        <div className="form-row">
          <TextField
            name="username"
            id="new-user-username"
            label="Username"
            value={username}
            onChange={setUsername}
            error={errors['username']}
            required
            autoFocus
            autoComplete="off"
          />
          <TextField
            name="displayName"
            label="Display name"
            value={displayName}
            onChange={setDisplayName}
            error={errors['displayName']}
            placeholder="Defaults to the username"
          />
        </div>
        <div className="form-row">
          <SelectField
            name="orgId"
            label="Organisation"
            value={orgId}
            onChange={setOrgId}
            error={errors['orgId']}
            options={tree.map((n) => ({ value: n.org.id, label: `${'\u2003'.repeat(n.depth)}${n.org.name}` }))}
          />
          <SelectField
            name="role"
            label="Role"
            value={role}
            onChange={setRole}
            error={errors['role']}
            options={roles.map((r) => ({ value: r, label: capitalise(r) }))}
          />
        </div>
        <TextField
          name="password"
          id="new-user-password"
          label="Initial password"
          type="password"
          value={password}
          onChange={setPassword}
          error={errors['password']}
          autoComplete="new-password"
          hint={passwordHint}
        />
      </form>
    </Modal>
  );
}
