// Placeholder until the suricata parser lands: every line is reported, nothing is invented.
import { oneIssue, type LineParser, type ParseOrigin } from './line-parser.js';

export function createSuricataLineParser(_origin: ParseOrigin): LineParser {
  return { push: (_line, lineNo) => oneIssue(lineNo, '', 'suricata parsing is not available yet'), end: () => ({ events: [], issues: [] }) };
}
