// CACAO 2.0 playbooks: the model, our validator, and JSON Signature Scheme signatures.
export type * from './types.js';
export { tlpLevels, workflowStepTypes } from './types.js';
export type { CacaoIssue, CacaoIssueCode, CacaoIssueSeverity, CacaoValidation } from './issues.js';
export { cacaoIssueCodes, pointer, pointerSegment } from './issues.js';
export { validatePlaybook, type CacaoValidationOptions } from './validate.js';
export { signPlaybook, signingInput, supportedSignatureAlgorithms, verifySignatures, type SignatureAlgorithm, type SigningKey } from './jss.js';
