// STIX 2.1 open vocabularies (values suggested: others draw a warning) and enumerations (closed:
// others are errors), section 10 of the specification. Term lists only, in the spec's order.

export const accountTypes = ['facebook', 'ldap', 'nis', 'openid', 'radius', 'skype', 'tacacs', 'twitter', 'unix', 'windows-local', 'windows-domain'] as const;

export const attackMotivations = [
  'accidental', 'coercion', 'dominance', 'ideology', 'notoriety', 'organizational-gain', 'personal-gain',
  'personal-satisfaction', 'revenge', 'unpredictable',
] as const;

export const attackResourceLevels = ['individual', 'club', 'contest', 'team', 'organization', 'government'] as const;

export const groupingContexts = ['suspicious-activity', 'malware-analysis', 'unspecified'] as const;

export const hashAlgorithms = ['MD5', 'SHA-1', 'SHA-256', 'SHA-512', 'SHA3-256', 'SHA3-512', 'SSDEEP', 'TLSH'] as const;

export const identityClasses = ['individual', 'group', 'system', 'organization', 'class', 'unknown'] as const;

export const implementationLanguages = [
  'applescript', 'bash', 'c', 'c++', 'c#', 'go', 'java', 'javascript', 'lua', 'objective-c', 'perl', 'php', 'powershell',
  'python', 'ruby', 'scala', 'swift', 'typescript', 'visual-basic', 'x86-32', 'x86-64',
] as const;

export const indicatorTypes = ['anomalous-activity', 'anonymization', 'benign', 'compromised', 'malicious-activity', 'attribution', 'unknown'] as const;

export const industrySectors = [
  'agriculture', 'aerospace', 'automotive', 'chemical', 'commercial', 'communications', 'construction', 'defense',
  'education', 'energy', 'entertainment', 'financial-services', 'government', 'emergency-services', 'government-national',
  'government-regional', 'government-local', 'government-public-services', 'healthcare', 'hospitality-leisure',
  'infrastructure', 'dams', 'nuclear', 'water', 'insurance', 'manufacturing', 'mining', 'non-profit', 'pharmaceuticals',
  'retail', 'technology', 'telecommunications', 'transportation', 'utilities',
] as const;

export const infrastructureTypes = [
  'amplification', 'anonymization', 'botnet', 'command-and-control', 'control-system', 'exfiltration', 'firewall',
  'hosting-malware', 'hosting-target-lists', 'phishing', 'reconnaissance', 'routers-switches', 'staging', 'workstation',
  'unknown',
] as const;

export const malwareCapabilities = [
  'accesses-remote-machines', 'anti-debugging', 'anti-disassembly', 'anti-emulation', 'anti-memory-forensics',
  'anti-sandbox', 'anti-vm', 'captures-input-peripherals', 'captures-output-peripherals', 'captures-system-state-data',
  'cleans-traces-of-infection', 'commits-fraud', 'communicates-with-c2', 'compromises-data-availability',
  'compromises-data-integrity', 'compromises-system-availability', 'controls-local-machine', 'degrades-security-software',
  'degrades-system-updates', 'determines-c2-server', 'emails-spam', 'escalates-privileges', 'evades-av', 'exfiltrates-data',
  'fingerprints-host', 'hides-artifacts', 'hides-executing-code', 'infects-files', 'infects-remote-machines',
  'installs-other-components', 'persists-after-system-reboot', 'prevents-artifact-access', 'prevents-artifact-deletion',
  'probes-network-environment', 'self-modifies', 'steals-authentication-credentials', 'violates-system-operational-integrity',
] as const;

export const malwareResults = ['malicious', 'suspicious', 'benign', 'unknown'] as const;

export const malwareTypes = [
  'adware', 'backdoor', 'bot', 'bootkit', 'ddos', 'downloader', 'dropper', 'exploit-kit', 'keylogger', 'ransomware',
  'remote-access-trojan', 'resource-exploitation', 'rogue-security-software', 'rootkit', 'screen-capture', 'spyware',
  'trojan', 'unknown', 'virus', 'webshell', 'wiper', 'worm',
] as const;

export const patternTypes = ['stix', 'pcre', 'sigma', 'snort', 'suricata', 'yara'] as const;

export const processorArchitectures = ['alpha', 'arm', 'ia-64', 'mips', 'powerpc', 'sparc', 'x86', 'x86-64'] as const;

export const regions = [
  'africa', 'eastern-africa', 'middle-africa', 'northern-africa', 'southern-africa', 'western-africa', 'americas',
  'latin-america-caribbean', 'south-america', 'caribbean', 'central-america', 'northern-america', 'asia', 'central-asia',
  'eastern-asia', 'southern-asia', 'south-eastern-asia', 'western-asia', 'europe', 'eastern-europe', 'northern-europe',
  'southern-europe', 'western-europe', 'oceania', 'antarctica', 'australia-new-zealand', 'melanesia', 'micronesia',
  'polynesia',
] as const;

export const reportTypes = [
  'attack-pattern', 'campaign', 'identity', 'indicator', 'intrusion-set', 'malware', 'observed-data', 'threat-actor',
  'threat-report', 'tool', 'vulnerability',
] as const;

export const threatActorTypes = [
  'activist', 'competitor', 'crime-syndicate', 'criminal', 'hacker', 'insider-accidental', 'insider-disgruntled',
  'nation-state', 'sensationalist', 'spy', 'terrorist', 'unknown',
] as const;

export const threatActorRoles = [
  'agent', 'director', 'independent', 'infrastructure-architect', 'infrastructure-operator', 'malware-author', 'sponsor',
] as const;

export const threatActorSophistications = ['none', 'minimal', 'intermediate', 'advanced', 'expert', 'innovator', 'strategic'] as const;

export const toolTypes = [
  'denial-of-service', 'exploitation', 'information-gathering', 'network-capture', 'credential-exploitation',
  'remote-access', 'vulnerability-scanning', 'unknown',
] as const;

export const windowsPeBinaryTypes = ['dll', 'exe', 'sys'] as const;

// Enumerations: a value outside the list is an error.

export const encryptionAlgorithms = ['AES-256-GCM', 'ChaCha20-Poly1305', 'mime-type-indicated'] as const;

export const opinionValues = ['strongly-disagree', 'disagree', 'neutral', 'agree', 'strongly-agree'] as const;

export const socketAddressFamilies = ['AF_UNSPEC', 'AF_INET', 'AF_IPX', 'AF_APPLETALK', 'AF_NETBIOS', 'AF_INET6', 'AF_IRDA', 'AF_BTH'] as const;

export const socketTypes = ['SOCK_STREAM', 'SOCK_DGRAM', 'SOCK_RAW', 'SOCK_RDM', 'SOCK_SEQPACKET'] as const;

export const windowsIntegrityLevels = ['low', 'medium', 'high', 'system'] as const;

export const windowsRegistryDatatypes = [
  'REG_NONE', 'REG_SZ', 'REG_EXPAND_SZ', 'REG_BINARY', 'REG_DWORD', 'REG_DWORD_BIG_ENDIAN', 'REG_DWORD_LITTLE_ENDIAN',
  'REG_LINK', 'REG_MULTI_SZ', 'REG_RESOURCE_LIST', 'REG_FULL_RESOURCE_DESCRIPTION', 'REG_RESOURCE_REQUIREMENTS_LIST',
  'REG_QWORD', 'REG_INVALID_TYPE',
] as const;

export const windowsServiceStartTypes = [
  'SERVICE_AUTO_START', 'SERVICE_BOOT_START', 'SERVICE_DEMAND_START', 'SERVICE_DISABLED', 'SERVICE_SYSTEM_ALERT',
] as const;

export const windowsServiceTypes = [
  'SERVICE_KERNEL_DRIVER', 'SERVICE_FILE_SYSTEM_DRIVER', 'SERVICE_WIN32_OWN_PROCESS', 'SERVICE_WIN32_SHARE_PROCESS',
] as const;

export const windowsServiceStatuses = [
  'SERVICE_CONTINUE_PENDING', 'SERVICE_PAUSE_PENDING', 'SERVICE_PAUSED', 'SERVICE_RUNNING', 'SERVICE_START_PENDING',
  'SERVICE_STOP_PENDING', 'SERVICE_STOPPED',
] as const;
