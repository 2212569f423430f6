import { useState } from 'react';
import './exposures.css';
import { z } from 'zod';
import { decideExposure, withdrawDecision, type ExposureDecision, type ExposureItem } from '../../api/exposures';
import { FormErrorBanner } from '../../components/error-banner';
import { FormTextAreaField, setServerErrors, useZodForm } from '../../components/form-kit';
import { Modal } from '../../components/modal';
import { canWrite, useMe } from '../../session/session-context';

const decisionSchema = z.object({ comment: z.string().trim().min(1, 'Say why, for the next person who looks.').max(2000, 'At most 2,000 characters.') });

/** How sure the match is, in words and per cent: the surest reason's product and version match together. */
export function ConfidenceBadge({ confidence }: { readonly confidence: number }) {
  const level = confidence >= 0.85 ? 'high' : confidence >= 0.6 ? 'medium' : 'low';
  return (
    <span className={`badge confidence confidence-${level}`} title="How sure Bulwark is that the advisory concerns this asset (product and version together)" data-confidence={confidence}>
      {level} confidence · {Math.round(confidence * 100)}%
    </span>
  );
}

export function DecisionBadge({ decision }: { readonly decision: ExposureItem['decision'] }) {
  if (decision === null) return null;
  return (
    <span className={`badge decision decision-${decision.decision}`} title={`${decision.by}: ${decision.comment}`} data-testid="exposure-decision">
      {decision.decision === 'confirmed' ? 'Confirmed' : 'Rejected'} by {decision.by}
    </span>
  );
}

function DecisionDialog({ item, decision, onClose, onDone }: { readonly item: ExposureItem; readonly decision: ExposureDecision; readonly onClose: () => void; readonly onDone: (item: ExposureItem) => void }) {
  const form = useZodForm(decisionSchema, { comment: '' });
  const [error, setError] = useState<unknown>(null);
  const [fieldErrors, setFieldErrors] = useState(0);
  const verb = decision === 'confirmed' ? 'Confirm' : 'Reject';
  const submit = form.handleSubmit(async ({ comment }) => {
    setError(null);
    try {
      onDone(await decideExposure(item.assetId, item.vulnId, decision, comment));
    } catch (e) {
      setFieldErrors(setServerErrors(form.setError, e, ['comment']));
      setError(e);
    }
  });
  return (
    <Modal
      title={`${verb} ${item.cve ?? item.vulnId} for ${item.assetName}`}
      onClose={onClose}
      testId="exposure-decision-dialog"
      footer={
        <>
          <button type="button" className="btn" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" form="exposure-decision-form" className={`btn ${decision === 'rejected' ? 'btn-danger' : 'btn-primary'}`} disabled={form.formState.isSubmitting}>
            {verb} match
          </button>
        </>
      }
    >
      <form id="exposure-decision-form" onSubmit={(e) => void submit(e)} noValidate>
        <p className="small">
          {decision === 'confirmed'
            ? 'The advisory concerns this asset. The match stays confirmed when the knowledge base is correlated again.'
            : 'The advisory does not concern this asset. The match stays rejected, shown apart, when the knowledge base is correlated again.'}
        </p>
        <FormErrorBanner error={error} fieldErrorCount={fieldErrors} />
        <FormTextAreaField control={form.control} name="comment" label="Comment" required rows={3} placeholder={decision === 'rejected' ? 'e.g. the module has no Linux subsystem' : 'e.g. checked the firmware on site'} />
      </form>
    </Modal>
  );
}

/**
 * Confirm / Reject (or Withdraw) for one exposure, for admins and analysts of the asset's own
 * organisation; others see the decision only.
 */
export function DecisionControls({ item, onChanged }: { readonly item: ExposureItem; readonly onChanged: () => void }) {
  const me = useMe();
  const [asking, setAsking] = useState<ExposureDecision | null>(null);
  const [error, setError] = useState<unknown>(null);
  if (!canWrite(me.role) || me.organisation.id !== item.orgId) return <DecisionBadge decision={item.decision} />;
  const withdraw = async () => {
    setError(null);
    try {
      await withdrawDecision(item.assetId, item.vulnId);
      onChanged();
    } catch (e) {
      setError(e);
    }
  };
  const label = item.cve ?? item.vulnId;
  return (
    <span className="decision-controls">
      <DecisionBadge decision={item.decision} />
      {item.decision?.decision === 'confirmed' ? null : (
        <button type="button" className="btn btn-small" onClick={() => setAsking('confirmed')} aria-label={`Confirm ${label} for ${item.assetName}`}>
          Confirm
        </button>
      )}
      {item.decision?.decision === 'rejected' ? null : (
        <button type="button" className="btn btn-small" onClick={() => setAsking('rejected')} aria-label={`Reject ${label} for ${item.assetName}`}>
          Reject
        </button>
      )}
      {item.decision === null ? null : (
        <button type="button" className="btn btn-small" onClick={() => void withdraw()} aria-label={`Withdraw the decision on ${label} for ${item.assetName}`}>
          Withdraw
        </button>
      )}
      {error === null ? null : (
        <span className="error-text small" role="alert">
          Could not withdraw the decision.
        </span>
      )}
      {asking === null ? null : (
        <DecisionDialog
          item={item}
          decision={asking}
          onClose={() => setAsking(null)}
          onDone={() => {
            setAsking(null);
            onChanged();
          }}
        />
      )}
    </span>
  );
}
