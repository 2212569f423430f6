// CACAO 2.0 vocabularies. Open ones (`-ov`) may be extended by producers: a value outside them is
// a warning. Closed ones (enumerations) are errors.

export const playbookTypeOv = ['attack', 'detection', 'engagement', 'investigation', 'mitigation', 'notification', 'prevention', 'remediation'] as const;

export const playbookActivityTypeOv = [
  'compose-content', 'deliver-content', 'identify-audience', 'identify-channel', 'scan-system', 'match-indicator', 'analyze-collected-data',
  'identify-indicators', 'scan-vulnerabilities', 'configure-systems', 'restrict-access', 'disconnect-system', 'eliminate-risk', 'revert-system',
  'restore-data', 'restore-capabilities', 'map-network', 'identify-steps', 'step-sequence', 'prepare-engagement', 'execute-operation',
  'analyze-engagement-results',
] as const;

export const industrySectorOv = [
  'aerospace', 'aviation', 'agriculture', 'automotive', 'biotechnology', 'chemical', 'commercial', 'consulting', 'construction', 'cosmetics',
  'critical-infrastructure', 'dams', 'defense', 'education', 'emergency-services', 'energy', 'non-renewable-energy', 'renewable-energy', 'media',
  'financial', 'food', 'gambling', 'government', 'local-government', 'national-government', 'regional-government', 'public-services', 'healthcare',
  'information-communications-technology', 'electronics-hardware', 'software', 'telecommunications', 'legal-services', 'lodging', 'manufacturing',
  'maritime', 'metals', 'mining', 'non-profit', 'humanitarian-aid', 'human-rights', 'nuclear', 'petroleum', 'pharmaceuticals', 'research',
  'transportation', 'logistics-shipping', 'utilities', 'video-game', 'water',
] as const;

export const commandTypeOv = ['manual', 'bash', 'caldera-cmd', 'elastic', 'http-api', 'jupyter', 'kestrel', 'openc2-http', 'powershell', 'sigma', 'ssh', 'yara'] as const;

export const agentTargetTypeOv = ['group', 'individual', 'location', 'organization', 'sector', 'http-api', 'linux', 'net-address', 'security-category', 'ssh'] as const;

export const securityCategoryTypeOv = [
  'aaa', 'analytics', 'caldera', 'content-gateway', 'desktop', 'endpoint', 'firewall', 'handset', 'ids', 'ips', 'kali', 'manx', 'orchestrator',
  'os-linux', 'os-mac', 'os-windows', 'redcanary-atomicred', 'ragdoll', 'router', 'sandcat', 'server', 'siem', 'switch', 'ticketing', 'tip', 'wireless',
] as const;

export const authenticationInfoTypeOv = ['http-basic', 'oauth2', 'user-auth'] as const;

export const variableTypeOv = ['bool', 'dictionary', 'float', 'hexstring', 'integer', 'ipv4-addr', 'ipv6-addr', 'long', 'mac-addr', 'hash', 'md5-hash', 'sha256-hash', 'string', 'uri', 'uuid'] as const;

export const signatureAlgorithmTypeOv = [
  'RS256', 'RS384', 'RS512', 'ES256', 'ES384', 'ES512', 'PS256', 'PS384', 'PS512', 'Ed25519', 'Ed448', 'XMSS-SHA2_10_256', 'XMSS-SHA2_16_256',
  'XMSS-SHA2_20_256', 'LMS_SHA256_M32_H5', 'LMS_SHA256_M32_H10', 'LMS_SHA256_M32_H15', 'LMS_SHA256_M32_H20', 'LMS_SHA256_M32_H25',
] as const;

export const regionEnum = [
  'africa', 'eastern-africa', 'middle-africa', 'northern-africa', 'southern-africa', 'western-africa', 'americas', 'caribbean', 'central-america',
  'latin-america-caribbean', 'northern-america', 'south-america', 'asia', 'central-asia', 'eastern-asia', 'southern-asia', 'south-eastern-asia',
  'western-asia', 'europe', 'eastern-europe', 'northern-europe', 'southern-europe', 'western-europe', 'oceania', 'antarctica', 'australia-new-zealand',
  'melanesia', 'micronesia', 'polynesia',
] as const;

export const dataMarkingTypes = ['marking-statement', 'marking-tlp', 'marking-iep'] as const;

export const processingSummaryFlags = [
  'manual_playbook', 'external_playbooks', 'parallel_processing', 'if_logic', 'while_logic', 'switch_logic', 'temporal_logic', 'data_markings',
  'digital_signatures', 'countersigned_signatures', 'extensions',
] as const;
