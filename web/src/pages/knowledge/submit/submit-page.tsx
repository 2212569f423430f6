import { useState, type FormEvent } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { fieldErrors } from '../../../api/client';
import { submitVulnerability } from '../../../api/knowledge';
import type { VulnerabilitySubmission } from '../../../api/knowledge-types';
import type { Tlp } from '../../../api/types';
import { EmptyState } from '../../../components/empty-state';
import { FormErrorBanner } from '../../../components/error-banner';
import { SelectField, TextAreaField, TextField } from '../../../components/form-field';
import { PageHeader } from '../../../components/page-header';
import { kbPaths } from '../../../lib/knowledge-labels';
import { canWrite, useMe } from '../../../session/session-context';
import { tlpOptions } from '../../assets/options';

interface Values {
  readonly title: string;
  readonly description: string;
  readonly cve: string;
  readonly vendor: string;
  readonly product: string;
  readonly versions: string;
  readonly cvssVector: string;
  readonly cwe: string;
  readonly tlp: Tlp;
}

const blank: Values = { title: '', description: '', cve: '', vendor: '', product: '', versions: '', cvssVector: '', cwe: '', tlp: 'amber' };

function bodyOf(values: Values): VulnerabilitySubmission {
  const body: VulnerabilitySubmission = {
    title: values.title.trim(),
    description: values.description.trim(),
    vendor: values.vendor.trim(),
    product: values.product.trim(),
    versions: values.versions.trim(),
    tlp: values.tlp,
  };
  // Optional identifiers are left out when empty: the API checks their shape when present.
  if (values.cve.trim() !== '') body.cve = values.cve.trim().toUpperCase();
  if (values.cvssVector.trim() !== '') body.cvssVector = values.cvssVector.trim();
  if (values.cwe.trim() !== '') body.cwe = values.cwe.trim().toUpperCase();
  return body;
}

export function SubmitPage() {
  const me = useMe();
  const navigate = useNavigate();
  const [values, setValues] = useState<Values>(blank);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const errors = fieldErrors(error);
  const set = (key: keyof Values) => (value: string) => setValues((v) => ({ ...v, [key]: value }));

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const created = await submitVulnerability(bodyOf(values));
      await navigate(kbPaths.vulnerability(created.id));
    } catch (e) {
      setError(e);
      setBusy(false);
    }
  }

  if (!canWrite(me.role)) {
    return (
      <>
        <PageHeader title="Submit a vulnerability" />
        <section className="card">
          <EmptyState title="Only administrators and analysts can submit vulnerabilities." actions={<Link to="/knowledge" className="btn">Back to search</Link>}>
            You are signed in as {me.role}.
          </EmptyState>
        </section>
      </>
    );
  }

  return (
    <>
      <PageHeader
        title="Submit a vulnerability"
        description={`Report a vulnerability ${me.organisation.name} found. It starts as collected; analysts verify it and administrators publish it.`}
      />
      <section className="card form-card">
        <FormErrorBanner error={error} fieldErrorCount={Object.keys(errors).length} />
        <form className="form" onSubmit={(e) => void onSubmit(e)} noValidate data-testid="submit-form">
          <fieldset className="fieldset" disabled={busy}>
            <TextField name="title" label="Title" value={values.title} onChange={set('title')} error={errors['title']} required placeholder="e.g. Missing authentication on the engineering port of the X200 RTU" />
            <TextAreaField
              name="description"
              label="Description"
              value={values.description}
              onChange={set('description')}
              error={errors['description']}
              required
              rows={6}
              hint="What an attacker can do, under which conditions, and how it was found."
            />
            <div className="form-row">
              <TextField name="vendor" label="Vendor" value={values.vendor} onChange={set('vendor')} error={errors['vendor']} required placeholder="e.g. Siemens" />
              <TextField name="product" label="Product" value={values.product} onChange={set('product')} error={errors['product']} required placeholder="e.g. SIMATIC S7-1200" />
            </div>
            <div className="form-row">
              <TextField name="versions" label="Affected versions" value={values.versions} onChange={set('versions')} error={errors['versions']} required placeholder="e.g. V4.0 to V4.5.2, or All versions" />
              <TextField name="cve" label="CVE" value={values.cve} onChange={set('cve')} error={errors['cve']} placeholder="CVE-YYYY-NNNN, if assigned" />
            </div>
            <div className="form-row">
              <TextField name="cvssVector" label="CVSS vector" value={values.cvssVector} onChange={set('cvssVector')} error={errors['cvssVector']} placeholder="CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H" />
              <TextField name="cwe" label="Weakness" value={values.cwe} onChange={set('cwe')} error={errors['cwe']} placeholder="e.g. CWE-306" />
            </div>
            <SelectField name="tlp" label="TLP marking" value={values.tlp} onChange={set('tlp')} options={tlpOptions} error={errors['tlp']} />
          </fieldset>
          <div className="button-row">
            <button type="submit" className="btn btn-primary" disabled={busy}>
              {busy ? 'Submitting…' : 'Submit vulnerability'}
            </button>
            <Link to="/knowledge" className="btn">
              Cancel
            </Link>
          </div>
        </form>
      </section>
    </>
  );
}
