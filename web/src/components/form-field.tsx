import type { InputHTMLAttributes, ReactNode } from 'react';

interface FieldShellProps {
  readonly id: string;
  readonly label: string;
  readonly error?: string | undefined;
  readonly hint?: ReactNode;
  readonly required?: boolean;
  readonly children: ReactNode;
}

function FieldShell({ id, label, error, hint, required, children }: FieldShellProps) {
  return (
    <div className={error === undefined ? 'field' : 'field field-invalid'}>
      <label className="field-label" htmlFor={id}>
        {label}
        {required === true ? <span className="field-required" aria-hidden="true"> *</span> : null}
      </label>
      {children}
      {error === undefined ? null : (
        <p className="field-error" id={`${id}-error`} data-field-error={id}>
          {error}
        </p>
      )}
      {hint === undefined || error !== undefined ? null : <p className="field-hint">{hint}</p>}
    </div>
  );
}

interface BaseProps {
  readonly name: string;
  readonly label: string;
  /** Defaults to `field-<name>`; the login form needs bare `username` / `password`. */
  readonly id?: string;
  readonly error?: string | undefined;
  readonly hint?: ReactNode;
  readonly required?: boolean;
  readonly disabled?: boolean;
}

function describedBy(id: string, error: string | undefined) {
  return error === undefined ? {} : { 'aria-describedby': `${id}-error`, 'aria-invalid': true as const };
}

interface TextFieldProps extends BaseProps {
  readonly value: string;
  readonly onChange: (value: string) => void;
  readonly type?: 'text' | 'password' | 'number' | 'search';
  readonly placeholder?: string;
  readonly autoComplete?: string;
  readonly autoFocus?: boolean;
  readonly inputMode?: InputHTMLAttributes<HTMLInputElement>['inputMode'];
  readonly min?: number;
  readonly max?: number;
}

export function TextField(props: TextFieldProps) {
  const id = props.id ?? `field-${props.name}`;
  return (
    <FieldShell id={id} label={props.label} error={props.error} hint={props.hint} required={props.required ?? false}>
      <input
        id={id}
        name={props.name}
        className="input"
        type={props.type ?? 'text'}
        value={props.value}
        onChange={(e) => props.onChange(e.target.value)}
        required={props.required ?? false}
        disabled={props.disabled ?? false}
        autoFocus={props.autoFocus ?? false}
        spellCheck={false}
        {...(props.placeholder === undefined ? {} : { placeholder: props.placeholder })}
        {...(props.autoComplete === undefined ? {} : { autoComplete: props.autoComplete })}
        {...(props.inputMode === undefined ? {} : { inputMode: props.inputMode })}
        {...(props.min === undefined ? {} : { min: props.min })}
        {...(props.max === undefined ? {} : { max: props.max })}
        {...describedBy(id, props.error)}
      />
    </FieldShell>
  );
}

export interface SelectOption<V extends string> {
  readonly value: V;
  readonly label: string;
}

interface SelectFieldProps<V extends string> extends BaseProps {
  readonly value: V;
  readonly onChange: (value: V) => void;
  readonly options: readonly SelectOption<V>[];
}

export function SelectField<V extends string>(props: SelectFieldProps<V>) {
  const id = props.id ?? `field-${props.name}`;
  return (
    <FieldShell id={id} label={props.label} error={props.error} hint={props.hint} required={props.required ?? false}>
      <select
        id={id}
        name={props.name}
        className="input select"
        value={props.value}
        disabled={props.disabled ?? false}
        onChange={(e) => {
          // The value always comes from `options`, all of type V.
          props.onChange(e.target.value as V);
        }}
        {...describedBy(id, props.error)}
      >
        {props.options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </FieldShell>
  );
}

interface CheckboxFieldProps extends BaseProps {
  readonly checked: boolean;
  readonly onChange: (checked: boolean) => void;
}

export function CheckboxField(props: CheckboxFieldProps) {
  const id = props.id ?? `field-${props.name}`;
  return (
    <div className={props.error === undefined ? 'field field-check' : 'field field-check field-invalid'}>
      <label className="check" htmlFor={id}>
        <input
          id={id}
          name={props.name}
          type="checkbox"
          checked={props.checked}
          disabled={props.disabled ?? false}
          onChange={(e) => props.onChange(e.target.checked)}
          {...describedBy(id, props.error)}
        />
        <span>{props.label}</span>
      </label>
      {props.error === undefined ? null : (
        <p className="field-error" id={`${id}-error`} data-field-error={id}>
          {props.error}
        </p>
      )}
      {props.hint === undefined || props.error !== undefined ? null : <p className="field-hint">{props.hint}</p>}
    </div>
  );
}

interface TextAreaFieldProps extends BaseProps {
  readonly value: string;
  readonly onChange: (value: string) => void;
  readonly rows?: number;
  readonly placeholder?: string;
}

export function TextAreaField(props: TextAreaFieldProps) {
  const id = props.id ?? `field-${props.name}`;
  return (
    <FieldShell id={id} label={props.label} error={props.error} hint={props.hint} required={props.required ?? false}>
      <textarea
        id={id}
        name={props.name}
        className="input textarea"
        rows={props.rows ?? 8}
        value={props.value}
        spellCheck={false}
        disabled={props.disabled ?? false}
        onChange={(e) => props.onChange(e.target.value)}
        {...(props.placeholder === undefined ? {} : { placeholder: props.placeholder })}
        {...describedBy(id, props.error)}
      />
    </FieldShell>
  );
}
