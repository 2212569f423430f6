// Validation rules of the STIX Cyber-observable Objects and their predefined extensions (section 6).
import * as v from '../vocabularies.js';
import {
  binary, boolean, describeValue, dictionary, enumeration, float, hashes, hex, integer, languageTag, list, object, props,
  ref, refSco, refTypes, string, timestamp, vocab, type Check, type NestedSpec,
} from './checks.js';
import { isIpv4Cidr, isIpv6Cidr, isMac48, isUri } from './formats.js';
import { atLeastOne, conflicts, ordered, requires } from './rules.js';
import { defineType, type TypeSpec } from './type-spec.js';

const strings = list(string);
const ts = timestamp();
const nonNegative = integer(0);
const refsTo = (...types: string[]) => list(ref(refTypes(...types)));
const refTo = (...types: string[]) => ref(refTypes(...types));

function formatted(test: (s: string) => boolean, what: string, severity: 'error' | 'warning'): Check {
  return (x, path, ctx) => {
    if (typeof x !== 'string') return ctx.error(path, 'type', `expected a string, found ${describeValue(x)}`);
    if (test(x)) return;
    if (severity === 'error') ctx.error(path, 'format', `"${x}" is not ${what}`);
    else ctx.warn(path, 'format', `"${x}" does not look like ${what}`);
  };
}

const asciiHostname = /^(?=.{1,253}$)(?:[a-zA-Z0-9_](?:[a-zA-Z0-9_-]{0,61}[a-zA-Z0-9_])?\.)*[a-zA-Z0-9_](?:[a-zA-Z0-9_-]{0,61}[a-zA-Z0-9])?\.?$/;
const unicodeHostname = /^(?=.{1,253}$)(?:[\p{L}\p{N}_](?:[\p{L}\p{N}_-]{0,61}[\p{L}\p{N}_])?\.)*[\p{L}\p{N}_](?:[\p{L}\p{N}_-]{0,61}[\p{L}\p{N}])?\.?$/u;
// Internationalized names (RFC 5890) only pay for the Unicode pattern when they need it.
const hasNonAscii = (s: string) => {
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) > 0x7f) return true;
  return false;
};
const isHostname = (s: string) => asciiHostname.test(s) || (hasNonAscii(s) && unicodeHostname.test(s));

const emailPattern = /^[^\s@]+@[^\s@]+$/;

const mimePart: NestedSpec = {
  name: 'an email MIME part',
  props: props({ body: string, body_raw_ref: refTo('artifact', 'file'), content_type: string, content_disposition: string }),
  rules: [atLeastOne(['body', 'body_raw_ref'])],
};

const alternateDataStream: NestedSpec = {
  name: 'an alternate data stream',
  props: props({ name: string, hashes, size: nonNegative }),
  required: ['name'],
};

const peOptionalHeader: NestedSpec = {
  name: 'a PE optional header',
  atLeastOne: true,
  props: props({
    magic_hex: hex, major_linker_version: integer(), minor_linker_version: integer(), size_of_code: nonNegative,
    size_of_initialized_data: nonNegative, size_of_uninitialized_data: nonNegative, address_of_entry_point: integer(),
    base_of_code: integer(), base_of_data: integer(), image_base: integer(), section_alignment: integer(),
    file_alignment: integer(), major_os_version: integer(), minor_os_version: integer(), major_image_version: integer(),
    minor_image_version: integer(), major_subsystem_version: integer(), minor_subsystem_version: integer(),
    win32_version_value_hex: hex, size_of_image: nonNegative, size_of_headers: nonNegative, checksum_hex: hex,
    subsystem_hex: hex, dll_characteristics_hex: hex, size_of_stack_reserve: nonNegative, size_of_stack_commit: nonNegative,
    size_of_heap_reserve: integer(), size_of_heap_commit: integer(), loader_flags_hex: hex, number_of_rva_and_sizes: integer(),
    hashes,
  }),
};

const peSection: NestedSpec = {
  name: 'a PE section',
  props: props({ name: string, size: nonNegative, entropy: float(), hashes }),
  required: ['name'],
};

const fileExtensions: Record<string, NestedSpec> = {
  'archive-ext': { name: 'the archive-ext extension', props: props({ contains_refs: refsTo('file', 'directory'), comment: string }), required: ['contains_refs'] },
  'ntfs-ext': { name: 'the ntfs-ext extension', atLeastOne: true, props: props({ sid: string, alternate_data_streams: list(object(alternateDataStream)) }) },
  'pdf-ext': {
    name: 'the pdf-ext extension', atLeastOne: true,
    props: props({ version: string, is_optimized: boolean, document_info_dict: dictionary(string), pdfid0: string, pdfid1: string }),
  },
  'raster-image-ext': {
    name: 'the raster-image-ext extension', atLeastOne: true,
    props: props({
      image_height: integer(), image_width: integer(), bits_per_pixel: integer(),
      exif_tags: dictionary((x, path, ctx) => {
        if (typeof x !== 'string' && !(typeof x === 'number' && Number.isInteger(x))) ctx.error(path, 'type', 'EXIF tag values are integers or strings');
      }),
    }),
  },
  'windows-pebinary-ext': {
    name: 'the windows-pebinary-ext extension', required: ['pe_type'],
    rules: [(o, path, ctx) => {
      if (Object.keys(o).every((k) => k === 'pe_type')) ctx.error(path, 'at-least-one', 'windows-pebinary-ext needs a property besides pe_type');
    }],
    props: props({
      pe_type: vocab('windows-pebinary-type-ov', v.windowsPeBinaryTypes), imphash: string, machine_hex: hex,
      number_of_sections: nonNegative, time_date_stamp: timestamp('seconds'), pointer_to_symbol_table_hex: hex,
      number_of_symbols: nonNegative, size_of_optional_header: nonNegative, characteristics_hex: hex,
      file_header_hashes: hashes, optional_header: object(peOptionalHeader), sections: list(object(peSection)),
    }),
  },
};

const socketOptions: Check = dictionary((x, path, ctx) => {
  if (typeof x !== 'number' || !Number.isInteger(x)) ctx.error(path, 'type', 'socket option values are integers');
});

const networkTrafficExtensions: Record<string, NestedSpec> = {
  'http-request-ext': {
    name: 'the http-request-ext extension', required: ['request_method', 'request_value'],
    props: props({
      request_method: string, request_value: string, request_version: string, request_header: dictionary(),
      message_body_length: integer(), message_body_data_ref: refTo('artifact'),
    }),
  },
  'icmp-ext': { name: 'the icmp-ext extension', required: ['icmp_type_hex', 'icmp_code_hex'], props: props({ icmp_type_hex: hex, icmp_code_hex: hex }) },
  'socket-ext': {
    name: 'the socket-ext extension', required: ['address_family'],
    rules: [(o, path, ctx) => {
      const options = o.options;
      if (typeof options !== 'object' || options === null) return;
      for (const key of Object.keys(options)) {
        if (!key.startsWith('SO_')) ctx.error(`${path}/options/${key}`, 'dictionary-key', `socket option "${key}" must start with SO_`);
      }
    }],
    props: props({
      address_family: enumeration('network-socket-address-family-enum', v.socketAddressFamilies), is_blocking: boolean,
      is_listening: boolean, options: socketOptions, socket_type: enumeration('network-socket-type-enum', v.socketTypes),
      socket_descriptor: nonNegative, socket_handle: integer(),
    }),
  },
  'tcp-ext': { name: 'the tcp-ext extension', atLeastOne: true, props: props({ src_flags_hex: hex, dst_flags_hex: hex }) },
};

const processExtensions: Record<string, NestedSpec> = {
  'windows-process-ext': {
    name: 'the windows-process-ext extension', atLeastOne: true,
    props: props({
      aslr_enabled: boolean, dep_enabled: boolean, priority: string, owner_sid: string, window_title: string,
      startup_info: dictionary(), integrity_level: enumeration('windows-integrity-level-enum', v.windowsIntegrityLevels),
    }),
  },
  'windows-service-ext': {
    name: 'the windows-service-ext extension', atLeastOne: true,
    props: props({
      service_name: string, descriptions: strings, display_name: string, group_name: string,
      start_type: enumeration('windows-service-start-type-enum', v.windowsServiceStartTypes), service_dll_refs: refsTo('file'),
      service_type: enumeration('windows-service-type-enum', v.windowsServiceTypes),
      service_status: enumeration('windows-service-status-enum', v.windowsServiceStatuses),
    }),
  },
};

const registryValue: NestedSpec = {
  name: 'a registry value',
  atLeastOne: true,
  props: props({ name: string, data: string, data_type: enumeration('windows-registry-datatype-enum', v.windowsRegistryDatatypes) }),
};

const x509Extensions: NestedSpec = {
  name: 'X.509 v3 extensions',
  atLeastOne: true,
  props: props({
    basic_constraints: string, name_constraints: string, policy_constraints: string, key_usage: string,
    extended_key_usage: string, subject_key_identifier: string, authority_key_identifier: string,
    subject_alternative_name: string, issuer_alternative_name: string, subject_directory_attributes: string,
    crl_distribution_points: string, inhibit_any_policy: string, private_key_usage_period_not_before: ts,
    private_key_usage_period_not_after: ts, certificate_policies: string, policy_mappings: string,
  }),
};

const processProps = {
  is_hidden: boolean, pid: integer(), created_time: ts, cwd: string, command_line: string, environment_variables: dictionary(string),
  opened_connection_refs: refsTo('network-traffic'), creator_user_ref: refTo('user-account'), image_ref: refTo('file'),
  parent_ref: refTo('process'), child_refs: refsTo('process'),
};

const userAccountProps = {
  user_id: string, credential: string, account_login: string, account_type: vocab('account-type-ov', v.accountTypes),
  display_name: string, is_service_account: boolean, is_privileged: boolean, can_escalate_privs: boolean, is_disabled: boolean,
  account_created: ts, account_expires: ts, credential_last_changed: ts, account_first_login: ts, account_last_login: ts,
};

const registryProps = {
  key: string, values: list(object(registryValue)), modified_time: ts, creator_user_ref: refTo('user-account'), number_of_subkeys: nonNegative,
};

const x509Props = {
  is_self_signed: boolean, hashes, version: string, serial_number: string, signature_algorithm: string, issuer: string,
  validity_not_before: ts, validity_not_after: ts, subject: string, subject_public_key_algorithm: string,
  subject_public_key_modulus: string, subject_public_key_exponent: integer(), x509_v3_extensions: object(x509Extensions),
};

const addressRefs = { resolves_to_refs: refsTo('mac-addr'), belongs_to_refs: refsTo('autonomous-system') };

export const scoSpecs: readonly TypeSpec[] = [
  defineType({
    type: 'artifact', category: 'sco',
    rules: [atLeastOne(['payload_bin', 'url']), conflicts('payload_bin', 'url'), requires('url', 'hashes'), requires('decryption_key', 'encryption_algorithm')],
    props: {
      mime_type: string, payload_bin: binary, url: formatted(isUri, 'an absolute URL', 'warning'), hashes,
      encryption_algorithm: enumeration('encryption-algorithm-enum', v.encryptionAlgorithms), decryption_key: string,
    },
  }),
  defineType({ type: 'autonomous-system', category: 'sco', required: ['number'], props: { number: integer(), name: string, rir: string } }),
  defineType({
    type: 'directory', category: 'sco', required: ['path'],
    props: { path: string, path_enc: string, ctime: ts, mtime: ts, atime: ts, contains_refs: refsTo('file', 'directory') },
  }),
  defineType({
    type: 'domain-name', category: 'sco', required: ['value'], deprecated: ['resolves_to_refs'],
    props: { value: formatted(isHostname, 'a domain name (RFC 1034/5890)', 'warning'), resolves_to_refs: refsTo('ipv4-addr', 'ipv6-addr', 'domain-name') },
  }),
  defineType({
    type: 'email-addr', category: 'sco', required: ['value'],
    props: { value: formatted((s) => emailPattern.test(s), 'an e-mail address (addr-spec)', 'warning'), display_name: string, belongs_to_ref: refTo('user-account') },
  }),
  defineType({
    type: 'email-message', category: 'sco', required: ['is_multipart'],
    rules: [(o, path, ctx) => {
      if (o.is_multipart === true && o.body !== undefined) ctx.error(`${path}/body`, 'conflict', 'body must not be used when is_multipart is true');
      if (o.is_multipart === false && o.body_multipart !== undefined) ctx.error(`${path}/body_multipart`, 'conflict', 'body_multipart must not be used when is_multipart is false');
    }],
    props: {
      is_multipart: boolean, date: ts, content_type: string, from_ref: refTo('email-addr'), sender_ref: refTo('email-addr'),
      to_refs: refsTo('email-addr'), cc_refs: refsTo('email-addr'), bcc_refs: refsTo('email-addr'), message_id: string,
      subject: string, received_lines: strings, additional_header_fields: dictionary(strings), body: string,
      body_multipart: list(object(mimePart)), raw_email_ref: refTo('artifact'),
    },
  }),
  defineType({
    type: 'file', category: 'sco', extensions: fileExtensions, rules: [atLeastOne(['hashes', 'name'])],
    props: {
      hashes, size: nonNegative, name: string, name_enc: string, magic_number_hex: hex, mime_type: string, ctime: ts, mtime: ts,
      atime: ts, parent_directory_ref: refTo('directory'), contains_refs: list(ref(refSco)), content_ref: refTo('artifact'),
    },
  }),
  defineType({
    type: 'ipv4-addr', category: 'sco', required: ['value'], deprecated: ['resolves_to_refs', 'belongs_to_refs'],
    props: { value: formatted(isIpv4Cidr, 'an IPv4 address or CIDR block', 'error'), ...addressRefs },
  }),
  defineType({
    type: 'ipv6-addr', category: 'sco', required: ['value'], deprecated: ['resolves_to_refs', 'belongs_to_refs'],
    props: { value: formatted(isIpv6Cidr, 'an IPv6 address or CIDR block', 'error'), ...addressRefs },
  }),
  defineType({
    type: 'mac-addr', category: 'sco', required: ['value'],
    props: { value: formatted(isMac48, 'a colon-delimited lower-case MAC-48 address', 'error') },
  }),
  defineType({ type: 'mutex', category: 'sco', required: ['name'], props: { name: string } }),
  defineType({
    type: 'network-traffic', category: 'sco', required: ['protocols'], extensions: networkTrafficExtensions,
    rules: [ordered('start', 'end'), atLeastOne(['src_ref', 'dst_ref']), (o, path, ctx) => {
      if (o.end !== undefined && o.is_active === true) ctx.error(`${path}/is_active`, 'conflict', 'is_active must be false when end is present');
    }],
    props: {
      start: ts, end: ts, is_active: boolean, src_ref: refTo('ipv4-addr', 'ipv6-addr', 'mac-addr', 'domain-name'),
      dst_ref: refTo('ipv4-addr', 'ipv6-addr', 'mac-addr', 'domain-name'), src_port: integer(0, 65535), dst_port: integer(0, 65535),
      protocols: strings, src_byte_count: nonNegative, dst_byte_count: nonNegative, src_packets: nonNegative, dst_packets: nonNegative,
      ipfix: dictionary((x, path, ctx) => {
        if (typeof x !== 'string' && !(typeof x === 'number' && Number.isInteger(x))) ctx.error(path, 'type', 'IPFIX values are integers or strings');
      }),
      src_payload_ref: refTo('artifact'), dst_payload_ref: refTo('artifact'), encapsulates_refs: refsTo('network-traffic'),
      encapsulated_by_ref: refTo('network-traffic'),
    },
  }),
  defineType({
    type: 'process', category: 'sco', extensions: processExtensions,
    rules: [atLeastOne([...Object.keys(processProps), 'extensions'], 'the process properties')], props: processProps,
  }),
  defineType({
    type: 'software', category: 'sco', required: ['name'],
    props: {
      name: string, cpe: formatted((s) => s.startsWith('cpe:2.3:'), 'a CPE 2.3 name', 'warning'), swid: string,
      languages: list(languageTag), vendor: string, version: string,
    },
  }),
  defineType({ type: 'url', category: 'sco', required: ['value'], props: { value: formatted(isUri, 'a URL (RFC 3986)', 'warning') } }),
  defineType({
    type: 'user-account', category: 'sco',
    extensions: {
      'unix-account-ext': { name: 'the unix-account-ext extension', atLeastOne: true, props: props({ gid: integer(), groups: strings, home_dir: string, shell: string }) },
    },
    rules: [atLeastOne([...Object.keys(userAccountProps), 'extensions'], 'the user account properties')], props: userAccountProps,
  }),
  defineType({
    type: 'windows-registry-key', category: 'sco',
    rules: [atLeastOne(Object.keys(registryProps), 'the registry key properties')], props: registryProps,
  }),
  defineType({
    type: 'x509-certificate', category: 'sco',
    rules: [atLeastOne(Object.keys(x509Props), 'the certificate properties')], props: x509Props,
  }),
];
