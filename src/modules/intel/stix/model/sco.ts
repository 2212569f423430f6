// STIX Cyber-observable Objects (section 6 of STIX 2.1) and their predefined extensions.
import type {
  accountTypes, encryptionAlgorithms, socketAddressFamilies, socketTypes, windowsIntegrityLevels, windowsPeBinaryTypes,
  windowsRegistryDatatypes, windowsServiceStartTypes, windowsServiceStatuses, windowsServiceTypes,
} from '../vocabularies.js';
import type { Dictionary, Extensions, Hashes, Identifier, OpenVocab, ScoBase, Timestamp } from './common.js';

type Enum<T extends readonly string[]> = T[number];

/** One of `payload_bin` and `url` is present, never both. */
export interface Artifact extends ScoBase {
  readonly type: 'artifact';
  readonly mime_type?: string;
  readonly payload_bin?: string;
  readonly url?: string;
  readonly hashes?: Hashes;
  readonly encryption_algorithm?: Enum<typeof encryptionAlgorithms>;
  readonly decryption_key?: string;
}

export interface AutonomousSystem extends ScoBase {
  readonly type: 'autonomous-system';
  readonly number: number;
  readonly name?: string;
  readonly rir?: string;
}

export interface Directory extends ScoBase {
  readonly type: 'directory';
  readonly path: string;
  readonly path_enc?: string;
  readonly ctime?: Timestamp;
  readonly mtime?: Timestamp;
  readonly atime?: Timestamp;
  readonly contains_refs?: readonly Identifier[];
}

export interface DomainName extends ScoBase {
  readonly type: 'domain-name';
  readonly value: string;
  /** Deprecated in 2.1: use a `resolves-to` relationship. */
  readonly resolves_to_refs?: readonly Identifier[];
}

export interface EmailAddress extends ScoBase {
  readonly type: 'email-addr';
  readonly value: string;
  readonly display_name?: string;
  readonly belongs_to_ref?: Identifier;
}

export interface EmailMimePart {
  readonly body?: string;
  readonly body_raw_ref?: Identifier;
  readonly content_type?: string;
  readonly content_disposition?: string;
}

export interface EmailMessage extends ScoBase {
  readonly type: 'email-message';
  readonly is_multipart: boolean;
  readonly date?: Timestamp;
  readonly content_type?: string;
  readonly from_ref?: Identifier;
  readonly sender_ref?: Identifier;
  readonly to_refs?: readonly Identifier[];
  readonly cc_refs?: readonly Identifier[];
  readonly bcc_refs?: readonly Identifier[];
  readonly message_id?: string;
  readonly subject?: string;
  readonly received_lines?: readonly string[];
  readonly additional_header_fields?: Readonly<Record<string, readonly string[]>>;
  readonly body?: string;
  readonly body_multipart?: readonly EmailMimePart[];
  readonly raw_email_ref?: Identifier;
}

export interface ArchiveExtension {
  readonly contains_refs: readonly Identifier[];
  readonly comment?: string;
}

export interface AlternateDataStream {
  readonly name: string;
  readonly hashes?: Hashes;
  readonly size?: number;
}

export interface NtfsExtension {
  readonly sid?: string;
  readonly alternate_data_streams?: readonly AlternateDataStream[];
}

export interface PdfExtension {
  readonly version?: string;
  readonly is_optimized?: boolean;
  readonly document_info_dict?: Readonly<Record<string, string>>;
  readonly pdfid0?: string;
  readonly pdfid1?: string;
}

export interface RasterImageExtension {
  readonly image_height?: number;
  readonly image_width?: number;
  readonly bits_per_pixel?: number;
  readonly exif_tags?: Readonly<Record<string, string | number>>;
}

export interface WindowsPeOptionalHeader {
  readonly [property: string]: string | number | Hashes | undefined;
}

export interface WindowsPeSection {
  readonly name: string;
  readonly size?: number;
  readonly entropy?: number;
  readonly hashes?: Hashes;
}

export interface WindowsPeBinaryExtension {
  readonly pe_type: OpenVocab<Enum<typeof windowsPeBinaryTypes>>;
  readonly imphash?: string;
  readonly machine_hex?: string;
  readonly number_of_sections?: number;
  readonly time_date_stamp?: Timestamp;
  readonly pointer_to_symbol_table_hex?: string;
  readonly number_of_symbols?: number;
  readonly size_of_optional_header?: number;
  readonly characteristics_hex?: string;
  readonly file_header_hashes?: Hashes;
  readonly optional_header?: WindowsPeOptionalHeader;
  readonly sections?: readonly WindowsPeSection[];
}

/** At least one of `hashes` and `name` is present. */
export interface File extends ScoBase {
  readonly type: 'file';
  readonly extensions?: Extensions & {
    readonly 'archive-ext'?: ArchiveExtension;
    readonly 'ntfs-ext'?: NtfsExtension;
    readonly 'pdf-ext'?: PdfExtension;
    readonly 'raster-image-ext'?: RasterImageExtension;
    readonly 'windows-pebinary-ext'?: WindowsPeBinaryExtension;
  };
  readonly hashes?: Hashes;
  readonly size?: number;
  readonly name?: string;
  readonly name_enc?: string;
  readonly magic_number_hex?: string;
  readonly mime_type?: string;
  readonly ctime?: Timestamp;
  readonly mtime?: Timestamp;
  readonly atime?: Timestamp;
  readonly parent_directory_ref?: Identifier;
  readonly contains_refs?: readonly Identifier[];
  readonly content_ref?: Identifier;
}

export interface Ipv4Address extends ScoBase {
  readonly type: 'ipv4-addr';
  readonly value: string;
  readonly resolves_to_refs?: readonly Identifier[];
  readonly belongs_to_refs?: readonly Identifier[];
}

export interface Ipv6Address extends ScoBase {
  readonly type: 'ipv6-addr';
  readonly value: string;
  readonly resolves_to_refs?: readonly Identifier[];
  readonly belongs_to_refs?: readonly Identifier[];
}

export interface MacAddress extends ScoBase {
  readonly type: 'mac-addr';
  readonly value: string;
}

export interface Mutex extends ScoBase {
  readonly type: 'mutex';
  readonly name: string;
}

export interface HttpRequestExtension {
  readonly request_method: string;
  readonly request_value: string;
  readonly request_version?: string;
  readonly request_header?: Dictionary;
  readonly message_body_length?: number;
  readonly message_body_data_ref?: Identifier;
}

export interface IcmpExtension {
  readonly icmp_type_hex: string;
  readonly icmp_code_hex: string;
}

export interface SocketExtension {
  readonly address_family: Enum<typeof socketAddressFamilies>;
  readonly is_blocking?: boolean;
  readonly is_listening?: boolean;
  readonly options?: Readonly<Record<string, number>>;
  readonly socket_type?: Enum<typeof socketTypes>;
  readonly socket_descriptor?: number;
  readonly socket_handle?: number;
}

export interface TcpExtension {
  readonly src_flags_hex?: string;
  readonly dst_flags_hex?: string;
}

/** `protocols` and at least one of `src_ref` and `dst_ref` are present. */
export interface NetworkTraffic extends ScoBase {
  readonly type: 'network-traffic';
  readonly extensions?: Extensions & {
    readonly 'http-request-ext'?: HttpRequestExtension;
    readonly 'icmp-ext'?: IcmpExtension;
    readonly 'socket-ext'?: SocketExtension;
    readonly 'tcp-ext'?: TcpExtension;
  };
  readonly start?: Timestamp;
  readonly end?: Timestamp;
  readonly is_active?: boolean;
  readonly src_ref?: Identifier;
  readonly dst_ref?: Identifier;
  readonly src_port?: number;
  readonly dst_port?: number;
  readonly protocols: readonly string[];
  readonly src_byte_count?: number;
  readonly dst_byte_count?: number;
  readonly src_packets?: number;
  readonly dst_packets?: number;
  readonly ipfix?: Readonly<Record<string, string | number>>;
  readonly src_payload_ref?: Identifier;
  readonly dst_payload_ref?: Identifier;
  readonly encapsulates_refs?: readonly Identifier[];
  readonly encapsulated_by_ref?: Identifier;
}

export interface WindowsProcessExtension {
  readonly aslr_enabled?: boolean;
  readonly dep_enabled?: boolean;
  readonly priority?: string;
  readonly owner_sid?: string;
  readonly window_title?: string;
  readonly startup_info?: Dictionary;
  readonly integrity_level?: Enum<typeof windowsIntegrityLevels>;
}

export interface WindowsServiceExtension {
  readonly service_name?: string;
  readonly descriptions?: readonly string[];
  readonly display_name?: string;
  readonly group_name?: string;
  readonly start_type?: Enum<typeof windowsServiceStartTypes>;
  readonly service_dll_refs?: readonly Identifier[];
  readonly service_type?: Enum<typeof windowsServiceTypes>;
  readonly service_status?: Enum<typeof windowsServiceStatuses>;
}

export interface Process extends ScoBase {
  readonly type: 'process';
  readonly extensions?: Extensions & {
    readonly 'windows-process-ext'?: WindowsProcessExtension;
    readonly 'windows-service-ext'?: WindowsServiceExtension;
  };
  readonly is_hidden?: boolean;
  readonly pid?: number;
  readonly created_time?: Timestamp;
  readonly cwd?: string;
  readonly command_line?: string;
  readonly environment_variables?: Readonly<Record<string, string>>;
  readonly opened_connection_refs?: readonly Identifier[];
  readonly creator_user_ref?: Identifier;
  readonly image_ref?: Identifier;
  readonly parent_ref?: Identifier;
  readonly child_refs?: readonly Identifier[];
}

export interface Software extends ScoBase {
  readonly type: 'software';
  readonly name: string;
  readonly cpe?: string;
  readonly swid?: string;
  readonly languages?: readonly string[];
  readonly vendor?: string;
  readonly version?: string;
}

export interface Url extends ScoBase {
  readonly type: 'url';
  readonly value: string;
}

export interface UnixAccountExtension {
  readonly gid?: number;
  readonly groups?: readonly string[];
  readonly home_dir?: string;
  readonly shell?: string;
}

export interface UserAccount extends ScoBase {
  readonly type: 'user-account';
  readonly extensions?: Extensions & { readonly 'unix-account-ext'?: UnixAccountExtension };
  readonly user_id?: string;
  readonly credential?: string;
  readonly account_login?: string;
  readonly account_type?: OpenVocab<Enum<typeof accountTypes>>;
  readonly display_name?: string;
  readonly is_service_account?: boolean;
  readonly is_privileged?: boolean;
  readonly can_escalate_privs?: boolean;
  readonly is_disabled?: boolean;
  readonly account_created?: Timestamp;
  readonly account_expires?: Timestamp;
  readonly credential_last_changed?: Timestamp;
  readonly account_first_login?: Timestamp;
  readonly account_last_login?: Timestamp;
}

export interface WindowsRegistryValue {
  readonly name?: string;
  readonly data?: string;
  readonly data_type?: Enum<typeof windowsRegistryDatatypes>;
}

export interface WindowsRegistryKey extends ScoBase {
  readonly type: 'windows-registry-key';
  readonly key?: string;
  readonly values?: readonly WindowsRegistryValue[];
  readonly modified_time?: Timestamp;
  readonly creator_user_ref?: Identifier;
  readonly number_of_subkeys?: number;
}

export interface X509V3Extensions {
  readonly basic_constraints?: string;
  readonly name_constraints?: string;
  readonly policy_constraints?: string;
  readonly key_usage?: string;
  readonly extended_key_usage?: string;
  readonly subject_key_identifier?: string;
  readonly authority_key_identifier?: string;
  readonly subject_alternative_name?: string;
  readonly issuer_alternative_name?: string;
  readonly subject_directory_attributes?: string;
  readonly crl_distribution_points?: string;
  readonly inhibit_any_policy?: string;
  readonly private_key_usage_period_not_before?: Timestamp;
  readonly private_key_usage_period_not_after?: Timestamp;
  readonly certificate_policies?: string;
  readonly policy_mappings?: string;
}

export interface X509Certificate extends ScoBase {
  readonly type: 'x509-certificate';
  readonly is_self_signed?: boolean;
  readonly hashes?: Hashes;
  readonly version?: string;
  readonly serial_number?: string;
  readonly signature_algorithm?: string;
  readonly issuer?: string;
  readonly validity_not_before?: Timestamp;
  readonly validity_not_after?: Timestamp;
  readonly subject?: string;
  readonly subject_public_key_algorithm?: string;
  readonly subject_public_key_modulus?: string;
  readonly subject_public_key_exponent?: number;
  readonly x509_v3_extensions?: X509V3Extensions;
}

export type StixCyberObservable =
  | Artifact | AutonomousSystem | Directory | DomainName | EmailAddress | EmailMessage | File | Ipv4Address | Ipv6Address
  | MacAddress | Mutex | NetworkTraffic | Process | Software | Url | UserAccount | WindowsRegistryKey | X509Certificate;
