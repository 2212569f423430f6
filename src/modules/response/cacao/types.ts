// The CACAO 2.0 playbook model as our code reads it once the validator has accepted a document.
// Readonly throughout: playbooks are versioned documents, never edited in place.

export type Identifier = string;
export type Timestamp = string;

export interface ExternalReference {
  readonly name: string;
  readonly description?: string;
  readonly source?: string;
  readonly url?: string;
  readonly external_id?: string;
  readonly reference_id?: string;
}

/** Extension content is carried untouched: only its presence and definition are checked. */
export type ExtensionContent = Readonly<Record<string, unknown>>;
export type Extensions = Readonly<Record<Identifier, ExtensionContent>>;

export interface Variable {
  readonly type: string;
  readonly description?: string;
  readonly value?: string | null;
  readonly constant?: boolean;
  readonly external?: boolean;
}
export type Variables = Readonly<Record<string, Variable>>;

export interface CommandData {
  readonly type: string;
  readonly description?: string;
  readonly version?: string;
  readonly playbook_activity?: string;
  readonly external_references?: readonly ExternalReference[];
  readonly command?: string;
  readonly command_b64?: string;
  readonly headers?: Readonly<Record<string, readonly string[]>>;
  readonly content?: string;
  readonly content_b64?: string;
  readonly [custom: string]: unknown;
}

export const workflowStepTypes = ['start', 'end', 'action', 'playbook-action', 'parallel', 'if-condition', 'while-condition', 'switch-condition'] as const;
export type WorkflowStepType = (typeof workflowStepTypes)[number];

interface StepCommon {
  readonly name?: string;
  readonly description?: string;
  readonly external_references?: readonly ExternalReference[];
  readonly delay?: number;
  readonly timeout?: number;
  readonly step_variables?: Variables;
  readonly owner?: Identifier;
  readonly on_completion?: Identifier;
  readonly on_success?: Identifier;
  readonly on_failure?: Identifier;
  readonly step_extensions?: Extensions;
}

export interface StartStep extends StepCommon { readonly type: 'start' }
export interface EndStep extends StepCommon { readonly type: 'end' }
export interface ActionStep extends StepCommon {
  readonly type: 'action';
  readonly commands: readonly CommandData[];
  readonly agent: Identifier;
  readonly targets?: readonly Identifier[];
  readonly in_args?: readonly string[];
  readonly out_args?: readonly string[];
}
export interface PlaybookActionStep extends StepCommon {
  readonly type: 'playbook-action';
  readonly playbook_id: Identifier;
  readonly playbook_version?: Timestamp;
  readonly in_args?: readonly string[];
  readonly out_args?: readonly string[];
}
export interface ParallelStep extends StepCommon { readonly type: 'parallel'; readonly next_steps: readonly Identifier[] }
export interface IfConditionStep extends StepCommon { readonly type: 'if-condition'; readonly condition: string; readonly on_true: Identifier; readonly on_false?: Identifier }
export interface WhileConditionStep extends StepCommon { readonly type: 'while-condition'; readonly condition: string; readonly on_true: Identifier }
export interface SwitchConditionStep extends StepCommon { readonly type: 'switch-condition'; readonly switch: string; readonly cases: Readonly<Record<string, Identifier>> }

export type WorkflowStep = StartStep | EndStep | ActionStep | PlaybookActionStep | ParallelStep | IfConditionStep | WhileConditionStep | SwitchConditionStep;

export interface AgentTarget {
  readonly type: string;
  readonly name: string;
  readonly description?: string;
  readonly location?: Readonly<Record<string, string>>;
  readonly agent_target_extensions?: Extensions;
  readonly authentication_info?: Identifier;
  readonly address?: Readonly<Record<string, readonly (string | number)[]>>;
  readonly port?: string;
  readonly category?: readonly string[];
  readonly contact?: { readonly email?: Readonly<Record<string, string>>; readonly phone?: Readonly<Record<string, string>>; readonly contact_details?: string };
  readonly [custom: string]: unknown;
}

export interface AuthenticationInfo {
  readonly type: string;
  readonly name?: string;
  readonly description?: string;
  readonly user_id?: string;
  readonly username?: string;
  readonly password?: string;
  readonly oauth_header?: string;
  readonly token?: string;
  readonly kms?: boolean;
  readonly kms_key_identifier?: string;
  readonly authentication_info_extensions?: Extensions;
}

export interface ExtensionDefinition {
  readonly type: 'extension-definition';
  readonly name: string;
  readonly description?: string;
  readonly created_by: Identifier;
  readonly schema: string;
  readonly version: string;
  readonly external_references?: readonly ExternalReference[];
}

export const tlpLevels = ['TLP:RED', 'TLP:AMBER+STRICT', 'TLP:AMBER', 'TLP:GREEN', 'TLP:CLEAR'] as const;
export type TlpLevel = (typeof tlpLevels)[number];

interface MarkingCommon {
  readonly id: Identifier;
  readonly name?: string;
  readonly description?: string;
  readonly created_by: Identifier;
  readonly created: Timestamp;
  readonly revoked?: boolean;
  readonly valid_from?: Timestamp;
  readonly valid_until?: Timestamp;
  readonly labels?: readonly string[];
  readonly external_references?: readonly ExternalReference[];
  readonly marking_extensions?: Extensions;
}
export interface StatementMarking extends MarkingCommon { readonly type: 'marking-statement'; readonly statement: string }
export interface TlpMarking extends MarkingCommon { readonly type: 'marking-tlp'; readonly tlpv2_level: TlpLevel }
export interface IepMarking extends Omit<MarkingCommon, 'external_references'> {
  readonly type: 'marking-iep';
  readonly name: string;
  readonly description: string;
  readonly tlp: string;
  readonly iep_version: number;
  readonly start_date: Timestamp;
  readonly end_date: Timestamp | null;
  readonly encrypt_in_transit: string;
  readonly permitted_actions: string;
  readonly affected_party_notifications: string;
  readonly attribution: string;
  readonly unmodified_resale: string;
  readonly external_references: readonly string[];
}
export type DataMarking = StatementMarking | TlpMarking | IepMarking;

export interface Signature {
  readonly type: 'jss';
  readonly id: Identifier;
  readonly created_by?: Identifier;
  readonly created: Timestamp;
  readonly modified: Timestamp;
  readonly revoked?: boolean;
  readonly signee: string;
  readonly valid_from?: Timestamp;
  readonly valid_until?: Timestamp;
  readonly related_to: Identifier;
  readonly related_version: Timestamp;
  readonly hash_algorithm: string;
  readonly algorithm: string;
  readonly public_key?: string;
  readonly public_cert_chain?: readonly string[];
  readonly cert_url?: string;
  readonly thumbprint?: string;
  readonly value: string;
  readonly signature?: Signature;
}

export interface Playbook {
  readonly type: 'playbook';
  readonly spec_version: 'cacao-2.0';
  readonly id: Identifier;
  readonly name: string;
  readonly description?: string;
  readonly playbook_types?: readonly string[];
  readonly playbook_activities?: readonly string[];
  readonly playbook_processing_summary?: Readonly<Record<string, boolean>>;
  readonly created_by: Identifier;
  readonly created: Timestamp;
  readonly modified: Timestamp;
  readonly revoked?: boolean;
  readonly valid_from?: Timestamp;
  readonly valid_until?: Timestamp;
  readonly derived_from?: readonly Identifier[];
  readonly related_to?: readonly Identifier[];
  readonly priority?: number;
  readonly severity?: number;
  readonly impact?: number;
  readonly industry_sectors?: readonly string[];
  readonly labels?: readonly string[];
  readonly external_references?: readonly ExternalReference[];
  readonly markings?: readonly Identifier[];
  readonly playbook_variables?: Variables;
  readonly workflow_start: Identifier;
  readonly workflow_exception?: Identifier;
  readonly workflow: Readonly<Record<Identifier, WorkflowStep>>;
  readonly playbook_extensions?: Extensions;
  readonly authentication_info_definitions?: Readonly<Record<Identifier, AuthenticationInfo>>;
  readonly agent_definitions?: Readonly<Record<Identifier, AgentTarget>>;
  readonly target_definitions?: Readonly<Record<Identifier, AgentTarget>>;
  readonly extension_definitions?: Readonly<Record<Identifier, ExtensionDefinition>>;
  readonly data_marking_definitions?: Readonly<Record<Identifier, DataMarking>>;
  readonly signatures?: readonly Signature[];
}
