import { useState } from 'react';
import { z } from 'zod';
import { addSensor, type IssuedSensor } from '../../api/sensing';
import { FormErrorBanner } from '../../components/error-banner';
import { FormTextField, setServerErrors, useZodForm } from '../../components/form-kit';

const sensorSchema = z.object({
  name: z
    .string()
    .trim()
    .min(1, 'Name the sensor, e.g. after the network it watches.')
    .max(100, 'At most 100 characters.')
    .regex(/^[\w.:@-]+$/, 'Letters, digits and . _ - : @ only.'),
});

export function SensorForm({ onAdded, onCancel }: { readonly onAdded: (sensor: IssuedSensor) => void; readonly onCancel: () => void }) {
  const form = useZodForm(sensorSchema, { name: '' });
  const [error, setError] = useState<unknown>(null);
  const [fieldErrorCount, setFieldErrorCount] = useState(0);
  const onSubmit = form.handleSubmit(async ({ name }) => {
    setError(null);
    try {
      onAdded(await addSensor(name));
    } catch (e) {
      setError(e);
      setFieldErrorCount(setServerErrors(form.setError, e, ['name']));
    }
  });
  return (
    <form className="form" onSubmit={(e) => void onSubmit(e)} noValidate data-testid="sensor-form">
      <FormTextField control={form.control} name="name" id="sensor-name" label="Sensor name" required placeholder="e.g. wtp-control-span" />
      <FormErrorBanner error={error} fieldErrorCount={fieldErrorCount} />
      <div className="button-row">
        <button type="submit" className="btn btn-primary" disabled={form.formState.isSubmitting}>
          {form.formState.isSubmitting ? 'Adding…' : 'Add sensor'}
        </button>
        <button type="button" className="btn" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}

/** The one moment the sensor's token exists in the browser; afterwards only its prefix is known. */
export function SensorSecret({ sensor, onDone }: { readonly sensor: IssuedSensor; readonly onDone: () => void }) {
  return (
    <div className="secret-box" data-testid="sensor-secret">
      <p className="secret-warning">
        <strong>Copy the token of sensor “{sensor.name}” now.</strong> It is shown only this once; Bulwark stores only a hash of it.
      </p>
      <div className="secret-row">
        <input className="input mono secret-value" readOnly value={sensor.token} aria-label="New sensor token" data-testid="sensor-token" onFocus={(e) => e.target.select()} />
        <button type="button" className="btn btn-primary" onClick={onDone}>
          I have stored it
        </button>
      </div>
      <p className="field-hint">
        Start it with <code>bulwark sensor --read - --server {window.location.origin} --token …</code>
      </p>
    </div>
  );
}
