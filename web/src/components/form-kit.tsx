import { zodResolver } from '@hookform/resolvers/zod';
import { useController, useForm, type Control, type DefaultValues, type FieldPath, type FieldValues, type Resolver, type UseFormReturn, type UseFormSetError } from 'react-hook-form';
import type { ReactNode } from 'react';
import type { z } from 'zod';
import { ApiError } from '../api/client';
import { installHumanErrors } from '../lib/form-messages';
import { CheckboxField, SelectField, TextAreaField, TextField, type SelectOption } from './form-field';

installHumanErrors();

/**
 * react-hook-form with a zod schema: fields validate on submit, then as they change; messages are the
 * human sentences of form-messages.ts. `T` is the form's values (strings for text inputs).
 */
export function useZodForm<S extends z.ZodType<FieldValues, FieldValues>>(schema: S, defaultValues: DefaultValues<z.input<S>>): UseFormReturn<z.input<S>, unknown, z.output<S>> {
  return useForm<z.input<S>, unknown, z.output<S>>({
    resolver: zodResolver(schema as never) as unknown as Resolver<z.input<S>, unknown, z.output<S>>,
    defaultValues,
    mode: 'onSubmit',
    reValidateMode: 'onChange',
  });
}

/**
 * Puts the API's field errors (`body.name` → `name`) next to the fields; returns how many fields got
 * one, for FormErrorBanner. `rename` maps API field names to the form's where they differ; paths the
 * form does not know stay in the banner.
 */
export function setServerErrors<F extends FieldValues>(
  setError: UseFormSetError<F>,
  error: unknown,
  fields: readonly FieldPath<F>[],
  rename: Readonly<Record<string, FieldPath<F>>> = {},
): number {
  if (!(error instanceof ApiError)) return 0;
  const done = new Set<string>();
  for (const detail of error.details) {
    const apiField = detail.path.replace(/^body\.?/, '').split('.')[0] ?? '';
    const field = rename[apiField] ?? apiField;
    if (field === '' || done.has(field) || !fields.includes(field as FieldPath<F>)) continue;
    done.add(field);
    setError(field as FieldPath<F>, { type: 'server', message: detail.message }, { shouldFocus: done.size === 1 });
  }
  return done.size;
}

interface BoundProps<F extends FieldValues> {
  readonly control: Control<F, unknown, FieldValues>;
  readonly name: FieldPath<F>;
  readonly label: string;
  readonly id?: string;
  readonly hint?: ReactNode;
  readonly required?: boolean;
  readonly disabled?: boolean;
}

type TextOnly = Omit<Parameters<typeof TextField>[0], 'name' | 'label' | 'value' | 'onChange' | 'error' | 'id' | 'hint' | 'required' | 'disabled'>;

/** A TextField bound to a form field: value, change and error message come from react-hook-form. */
export function FormTextField<F extends FieldValues>({ control, name, ...rest }: BoundProps<F> & TextOnly) {
  const { field, fieldState } = useController({ control, name });
  return <TextField {...rest} name={name} value={(field.value as string | undefined) ?? ''} onChange={field.onChange} error={fieldState.error?.message} />;
}

export function FormTextAreaField<F extends FieldValues>({ control, name, ...rest }: BoundProps<F> & { readonly rows?: number; readonly placeholder?: string }) {
  const { field, fieldState } = useController({ control, name });
  return <TextAreaField {...rest} name={name} value={(field.value as string | undefined) ?? ''} onChange={field.onChange} error={fieldState.error?.message} />;
}

export function FormSelectField<F extends FieldValues, V extends string>({ control, name, options, ...rest }: BoundProps<F> & { readonly options: readonly SelectOption<V>[] }) {
  const { field, fieldState } = useController({ control, name });
  return <SelectField<V> {...rest} name={name} value={field.value as V} onChange={field.onChange} options={options} error={fieldState.error?.message} />;
}

export function FormCheckboxField<F extends FieldValues>({ control, name, ...rest }: BoundProps<F>) {
  const { field, fieldState } = useController({ control, name });
  return <CheckboxField {...rest} name={name} checked={field.value === true} onChange={field.onChange} error={fieldState.error?.message} />;
}
