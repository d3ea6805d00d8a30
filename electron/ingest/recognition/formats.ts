/**
 * The registry of vendor parsers, one per format id. Recognition asks them in this order, so a
 * more specific format comes before a broader one that might also accept its records.
 */
import type { ImportFormat } from '../../../shared/api/jobs.js';
import { FORMAT_IDS, type FormatId, type VendorParser } from '../parser.js';
import { cloudTrailParser } from '../vendors/cloudtrail.js';
import { duoActivityParser } from '../vendors/duo-activity.js';
import { duoAdminParser } from '../vendors/duo-admin.js';
import { duoAuthParser } from '../vendors/duo-auth.js';
import { duoTelephonyParser } from '../vendors/duo-telephony.js';
import { entraAuditParser } from '../vendors/entra-audit.js';
import { entraAuthDetailsParser } from '../vendors/entra-auth-details.js';
import { entraSignInParser } from '../vendors/entra-signin.js';
import { googleWorkspaceParser } from '../vendors/google-workspace.js';
import { journaldParser } from '../vendors/journald.js';
import { m365AuditParser } from '../vendors/m365-audit.js';
import { oktaParser } from '../vendors/okta.js';
import { pingFederateParser } from '../vendors/pingfederate.js';
import { pingOneParser } from '../vendors/pingone.js';
import { syslogParser } from '../vendors/syslog.js';

// shared/ repeats the format ids for the contract; these fail to compile if the lists drift.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const FORMATS_MATCH: Same<FormatId, ImportFormat> = true;
void FORMATS_MATCH;

export const PARSERS: { readonly [F in FormatId]: VendorParser } = {
  okta: oktaParser,
  'entra-signin': entraSignInParser,
  'entra-auth-details': entraAuthDetailsParser,
  'entra-audit': entraAuditParser,
  'm365-audit': m365AuditParser,
  'duo-auth': duoAuthParser,
  'duo-admin': duoAdminParser,
  'duo-telephony': duoTelephonyParser,
  'duo-activity': duoActivityParser,
  'google-workspace': googleWorkspaceParser,
  cloudtrail: cloudTrailParser,
  pingone: pingOneParser,
  pingfederate: pingFederateParser,
  journald: journaldParser,
  syslog: syslogParser,
};

/** Parsers in detection order. */
export const PARSER_LIST: readonly VendorParser[] = FORMAT_IDS.map((id) => PARSERS[id]);

export function parserFor(id: FormatId): VendorParser {
  return PARSERS[id];
}

/** "okta (Okta System Log), entra-signin (...)": for messages about unknown content. */
export function supportedFormatsText(): string {
  return PARSER_LIST.map((p) => `${p.id} (${p.title})`).join(', ');
}
