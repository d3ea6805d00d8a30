/**
 * Record families that name each record's kind in a field of their own: an Azure Monitor
 * export (Event Hub, storage account) carries every diagnostic category of a tenant in one
 * stream, each record naming its `category`; a Log Analytics export names its table in `Type`;
 * Duo records fetched through duo_client (Duo Log Sync, the Splunk add-on) carry `eventtype`.
 * Such a field decides the record's parser outright, before any parser is asked, so a record
 * of a kind that carries no authentication meaning is never read as one that does.
 *
 * Sources: Azure Monitor categories of Entra ID diagnostic settings,
 * https://learn.microsoft.com/en-us/entra/identity/monitoring-health/howto-configure-diagnostic-settings
 * and their Log Analytics tables, https://learn.microsoft.com/en-us/azure/azure-monitor/reference/tables-category#security;
 * duo_client_python's `eventtype` values (duo_client/admin.py) and Duo Log Sync
 * (duologsync/consumer), see docs/export-shapes.md §4.
 */
import type { FormatId } from '../parser.js';
import { isObject, type JsonObject } from '../vendors/fields.js';

/** What a family field says of a record. */
export interface FamilyKind {
  /** How the summary names the kind, e.g. "SignInLogs (Azure Monitor)". */
  name: string;
  /**
   * The format that reads it; null for a kind PushTrail knows carries no authentication
   * meaning (skipped); undefined for a value the table does not know: the parsers decide, as
   * for a record of no family (an unknown Log Analytics table may well hold sign-ins).
   */
  format: FormatId | null | undefined;
}

interface Family {
  title: string;
  field: string;
  /** The record belongs to the family (not merely a record with a field of that name, such as Okta's lower-cased `eventtype`). */
  member(value: JsonObject, named: string): boolean;
  /** First match wins; `format: null` = known, not authentication. */
  kinds: readonly { match: RegExp; format: FormatId | null }[];
}

const FAMILIES: readonly Family[] = [
  {
    title: 'Azure Monitor',
    field: 'category',
    // A diagnostic-settings record: its body under `properties`, with the category and its time.
    member: (v) => isObject(v['properties']) && (typeof v['time'] === 'string' || typeof v['resourceId'] === 'string'),
    kinds: [
      // SignInLogs, NonInteractiveUserSignInLogs, ServicePrincipalSignInLogs, ManagedIdentitySignInLogs, ADFSSignInLogs ...
      { match: /signinlogs$/i, format: 'entra-signin' },
      { match: /^auditlogs$/i, format: 'entra-audit' },
      // Activity and risk state without a sign-in of their own (a risky sign-in is in the
      // sign-in logs). Other categories are left to the parsers: some exports put the
      // directory audit's own category ("Policy", "UserManagement") here.
      {
        match:
          /^(microsoftgraphactivitylogs|azureadgraphactivitylogs|userriskevents|riskyusers|serviceprincipalriskevents|riskyserviceprincipals|provisioninglogs|networkaccesstrafficlogs|networkaccessalerts|networkaccessconnectionevents|remotenetworkhealthlogs|enrichedoffice365auditlogs|b2crequestlogs)$/i,
        format: null,
      },
    ],
  },
  {
    title: 'Log Analytics',
    field: 'Type',
    member: (v) => typeof v['TimeGenerated'] === 'string' && (typeof v['TenantId'] === 'string' || typeof v['SourceSystem'] === 'string'),
    kinds: [
      // SigninLogs, AADNonInteractiveUserSignInLogs, AADServicePrincipalSignInLogs, AADManagedIdentitySignInLogs
      { match: /signinlogs$/i, format: 'entra-signin' },
      { match: /^auditlogs$/i, format: 'entra-audit' },
      { match: /^(microsoftgraphactivitylogs|aaduserriskevents|aadriskyusers|aadriskyserviceprincipals|aadserviceprincipalriskevents|aadprovisioninglogs)$/i, format: null },
    ],
  },
  {
    title: 'Duo',
    field: 'eventtype',
    // duo_client adds `eventtype` and `host` (the API host) to every record it returns;
    // collectors that drop `host` still name a Duo log.
    member: (v, named) => typeof v['host'] === 'string' || /^(auth|admin|telephony|activity|offline|trust)/i.test(named),
    kinds: [
      // "authentication" (duo_client), "auth_log" (log-sync collectors)
      { match: /^auth/i, format: 'duo-auth' },
      { match: /^admin/i, format: 'duo-admin' },
      { match: /^telephony/i, format: 'duo-telephony' },
      // Its parser reads sign-ins, second factors and credential changes, and skips the rest.
      { match: /^activity/i, format: 'duo-activity' },
      // Offline access enrolments and Trust Monitor alerts: no sign-in, no push.
      { match: /^(offline|trust)/i, format: null },
    ],
  },
];

/** The family kind of a record, or undefined when it belongs to no family with a kind field. */
export function familyKind(value: unknown): FamilyKind | undefined {
  if (!isObject(value)) return undefined;
  for (const family of FAMILIES) {
    const named = value[family.field];
    if (typeof named !== 'string' || named === '' || !family.member(value, named)) continue;
    const kind = family.kinds.find((k) => k.match.test(named));
    return { name: `${named} (${family.title})`, format: kind?.format };
  }
  return undefined;
}
