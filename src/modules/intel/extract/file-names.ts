import { matches, type Candidate, type ScanText } from './candidate.js';

// Extensions of files that carry or launch code, documents used as lures, archives, and the project
// files of engineering software (Siemens STEP 7 / TIA Portal, Rockwell Studio 5000, Schneider Unity).
const executables = 'exe dll sys scr cpl ocx drv msi msp efi elf so dylib apk jar bin';
const documents = 'doc docx docm dot dotm xls xlsx xlsm xlsb ppt pptx pptm rtf pdf odt ods one md lnk iso img vhd vhdx chm';
const archives = 'zip rar 7z gz tgz tar cab';
const scripts = 'ps1 psm1 vbs vbe js jse wsf wsh hta bat cmd sh py rb php asp aspx jsp lua';
const engineering = 's7p ap13 ap14 ap15 ap16 ap17 ap18 ap19 zap13 zap14 zap15 zap16 acd l5x l5k stu sta xef mer apa';

export const fileExtensions: ReadonlySet<string> = new Set(
  `${executables} ${documents} ${archives} ${scripts} ${engineering}`.split(' '),
);

const extensionGroup = [...fileExtensions].sort((a, b) => b.length - a.length).join('|');
// A name of word characters, dots and hyphens ending in a listed extension; paths before it may use / or \.
const fileNameRe = new RegExp(`(?<![\\w.-])\\w[\\w.-]{0,200}\\.(?:${extensionGroup})(?![\\w-]|\\.\\w)`, 'gi');

// Framework names written like files.
const notFileNames: ReadonlySet<string> = new Set(['node.js', 'vue.js', 'next.js', 'nuxt.js', 'three.js', 'd3.js', 'chart.js', 'express.js']);

export function fileNameCandidates(scan: ScanText): Candidate[] {
  const out: Candidate[] = [];
  for (const m of matches(fileNameRe, scan.text)) {
    const start = m.index;
    const end = start + m[0].length;
    // Defanged or "www." names are hosts: the domain matcher takes them.
    if (scan.defangedWithin(start, end) || /^www\./i.test(m[0])) continue;
    // A bare version ("1.2.app") or number is not a file name.
    if (/^[\d.]+\.\w+$/.test(m[0]) || notFileNames.has(m[0].toLowerCase())) continue;
    out.push({ type: 'file-name', value: m[0], start, end, confidence: 0.8 });
  }
  return out;
}
