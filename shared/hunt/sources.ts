/**
 * The log sources hunts are written for: per vendor, which records are a failed prompt, an
 * approved prompt, a fraud report or a weakened factor (as conditions over the vendor's own field
 * names), and how each platform names those fields. The same vocabulary PushTrail's parsers read
 * (docs/log-sources.md); each platform's names are cited in `cite`.
 *
 * A platform field may be an expression when the platform stores the value differently (Sentinel
 * keeps some CloudTrail objects as JSON text, Elastic turns `MFAUsed` into a boolean): the
 * expression then yields the vendor's own value, so the conditions stay the same everywhere.
 */
import { all, any, contains, eq, not, oneOf, type Condition } from './condition.js';

export type Signal = 'failed' | 'approved' | 'fraud' | 'weakened';

export interface PlatformMapping {
  /** Splunk: the base search; Sentinel: the table; Elastic: the index pattern. */
  from: string;
  /** Vendor field → platform field or expression; a field not listed keeps its vendor name. */
  fields: Readonly<Record<string, string>>;
  /** The platform's time field. */
  time: string;
  cite: string;
}

export interface HuntSource {
  id: string;
  title: string;
  sigma: { product: string; service: string; fields?: Readonly<Record<string, string>> };
  /** Vendor fields naming the person and the address the sign-in came from. */
  user: string;
  srcIp: string;
  signals: Partial<Record<Signal, Condition>>;
  splunk?: PlatformMapping;
  sentinel?: readonly PlatformMapping[];
  elastic?: PlatformMapping;
  /** What this source cannot show, for the query's header. */
  limits: string;
  cite: string;
}

const OKTA_PROMPT_FAILED = any(
  oneOf('eventType', ['user.mfa.okta_verify.deny_push', 'user.mfa.okta_verify.deny_push_upgrade_needed']),
  all(eq('eventType', 'user.authentication.auth_via_mfa'), eq('outcome.result', 'FAILURE'), not(eq('debugContext.debugData.factor', 'PASSWORD_AS_FACTOR'))),
);

export const HUNT_SOURCES: readonly HuntSource[] = [
  {
    id: 'okta',
    title: 'Okta System Log',
    sigma: { product: 'okta', service: 'okta' },
    user: 'actor.alternateId',
    srcIp: 'client.ipAddress',
    signals: {
      failed: OKTA_PROMPT_FAILED,
      approved: all(eq('eventType', 'user.authentication.auth_via_mfa'), eq('outcome.result', 'SUCCESS'), not(eq('debugContext.debugData.factor', 'PASSWORD_AS_FACTOR'))),
      fraud: eq('eventType', 'user.account.report_suspicious_activity_by_enduser'),
      weakened: oneOf('eventType', ['user.mfa.factor.deactivate', 'user.mfa.factor.reset_all', 'user.mfa.factor.suspend', 'system.mfa.factor.deactivate']),
    },
    splunk: { from: 'sourcetype="OktaIM2:log"', fields: {}, time: '_time', cite: 'Splunk Add-on for Okta Identity Cloud (sourcetype OktaIM2:log), raw System Log field names; splunk/security_content okta_multiple_failed_mfa_requests_for_user.yml' },
    sentinel: [
      {
        from: 'OktaV2_CL',
        fields: {
          eventType: 'EventOriginalType',
          'outcome.result': 'OriginalOutcomeResult',
          'debugContext.debugData.factor': 'LogonMethod',
          'actor.alternateId': 'ActorUsername',
          'client.ipAddress': 'SrcIpAddr',
        },
        time: 'TimeGenerated',
        cite: 'Azure-Sentinel Solutions/Okta Single Sign-On, OktaSSOv2 connector table OktaV2_CL (ASIM-style columns EventOriginalType, OriginalOutcomeResult, ActorUsername, SrcIpAddr, LogonMethod)',
      },
      {
        from: 'Okta_CL',
        fields: {
          eventType: 'eventType_s',
          'outcome.result': 'outcome_result_s',
          'debugContext.debugData.factor': 'debugContext_debugData_factor_s',
          'actor.alternateId': 'actor_alternateId_s',
          'client.ipAddress': 'client_ipAddress_s',
        },
        time: 'TimeGenerated',
        cite: 'Azure-Sentinel Solutions/Okta Single Sign-On, legacy Okta_CL table (HTTP Data Collector naming: path joined by "_", type suffix _s)',
      },
    ],
    elastic: {
      from: 'logs-okta.system-*',
      fields: {
        eventType: 'okta.event_type',
        'outcome.result': 'okta.outcome.result',
        'debugContext.debugData.factor': 'okta.debug_context.debug_data.factor',
        'actor.alternateId': 'okta.actor.alternate_id',
        'client.ipAddress': 'okta.client.ip',
      },
      time: '@timestamp',
      cite: 'elastic/integrations packages/okta data_stream system fields; elastic/detection-rules credential_access_okta_mfa_bombing_via_push_notifications.toml',
    },
    limits: 'Okta logs no record for an ignored push: unanswered prompts are invisible to a count of failures (PushTrail pairs each send with its answer and counts the unanswered ones).',
    cite: 'Okta event types catalog (okta-developer-docs okta-event-types.csv); System Log API LogEvent object',
  },
  {
    id: 'entra-signin',
    title: 'Microsoft Entra ID sign-ins',
    // Sigma's Azure rules use the Log Analytics column names (e.g. azure_mfa_denies.yml).
    sigma: {
      product: 'azure',
      service: 'signinlogs',
      fields: {
        userPrincipalName: 'UserPrincipalName',
        ipAddress: 'IpAddress',
        'status.errorCode': 'ResultType',
        'status.additionalDetails': 'Status',
        authenticationRequirement: 'AuthenticationRequirement',
      },
    },
    user: 'userPrincipalName',
    srcIp: 'ipAddress',
    signals: {
      failed: eq('status.errorCode', 500121),
      approved: all(eq('status.errorCode', 0), eq('authenticationRequirement', 'multiFactorAuthentication')),
      fraud: all(eq('status.errorCode', 500121), contains('status.additionalDetails', 'Fraud')),
    },
    splunk: {
      from: 'sourcetype="azure:monitor:aad" category=SignInLogs',
      fields: {
        userPrincipalName: 'properties.userPrincipalName',
        ipAddress: 'properties.ipAddress',
        'status.errorCode': 'properties.status.errorCode',
        'status.additionalDetails': 'properties.status.additionalDetails',
        authenticationRequirement: 'properties.authenticationRequirement',
      },
      time: '_time',
      cite: 'Splunk Add-on for Microsoft Cloud Services (azure:monitor:aad); splunk/security_content azure_ad_multiple_failed_mfa_requests_for_user.yml',
    },
    sentinel: ['SigninLogs', 'AADNonInteractiveUserSignInLogs'].map((table) => ({
      from: table,
      fields: {
        userPrincipalName: 'UserPrincipalName',
        ipAddress: 'IPAddress',
        'status.errorCode': 'toint(ResultType)',
        'status.additionalDetails': 'tostring(Status.additionalDetails)',
        authenticationRequirement: 'AuthenticationRequirement',
      },
      time: 'TimeGenerated',
      cite: `Azure Monitor Logs table reference: ${table} (ResultType is a string column, Status a dynamic one)`,
    })),
    elastic: {
      from: 'logs-azure.signinlogs-*',
      fields: {
        userPrincipalName: 'azure.signinlogs.properties.user_principal_name',
        ipAddress: 'source.ip',
        'status.errorCode': 'azure.signinlogs.properties.status.error_code',
        'status.additionalDetails': 'azure.signinlogs.properties.status.additional_details',
        authenticationRequirement: 'azure.signinlogs.properties.authentication_requirement',
      },
      time: '@timestamp',
      cite: 'elastic/integrations packages/azure data_stream signinlogs fields',
    },
    limits: 'A sign-in record has one result: a push the user never answered and a denial share 500121, and the answering device is not logged.',
    cite: 'Microsoft Graph signIn resource; Entra error codes (AADSTS 500121); Sigma azure_mfa_denies.yml',
  },
  {
    id: 'entra-audit',
    title: 'Microsoft Entra ID audit log',
    sigma: {
      product: 'azure',
      service: 'auditlogs',
      fields: { activityDisplayName: 'OperationName', 'targetResources.userPrincipalName': 'TargetResources', 'initiatedBy.user.ipAddress': 'InitiatedBy' },
    },
    user: 'targetResources.userPrincipalName',
    srcIp: 'initiatedBy.user.ipAddress',
    signals: {
      fraud: oneOf('activityDisplayName', ['Suspicious activity reported', 'Fraud reported - user is blocked for MFA', 'Fraud reported - no action taken']),
      weakened: oneOf('activityDisplayName', ['Disable Strong Authentication', 'User deleted security info', 'Admin deleted security info']),
    },
    splunk: {
      from: 'sourcetype="azure:monitor:aad" category=AuditLogs',
      fields: {
        activityDisplayName: 'properties.activityDisplayName',
        'targetResources.userPrincipalName': 'properties.targetResources{}.userPrincipalName',
        'initiatedBy.user.ipAddress': 'properties.initiatedBy.user.ipAddress',
      },
      time: '_time',
      cite: 'Splunk Add-on for Microsoft Cloud Services (azure:monitor:aad, AuditLogs category)',
    },
    sentinel: [
      {
        from: 'AuditLogs',
        fields: {
          activityDisplayName: 'OperationName',
          'targetResources.userPrincipalName': 'tostring(TargetResources[0].userPrincipalName)',
          'initiatedBy.user.ipAddress': 'tostring(InitiatedBy.user.ipAddress)',
        },
        time: 'TimeGenerated',
        cite: 'Azure Monitor Logs table reference: AuditLogs',
      },
    ],
    elastic: {
      from: 'logs-azure.auditlogs-*',
      fields: {
        activityDisplayName: 'azure.auditlogs.operation_name',
        'targetResources.userPrincipalName': 'azure.auditlogs.properties.target_resources.0.user_principal_name',
        'initiatedBy.user.ipAddress': 'source.ip',
      },
      time: '@timestamp',
      cite: 'elastic/integrations packages/azure data_stream auditlogs; elastic/detection-rules persistence_entra_id_mfa_disabled_for_user.toml',
    },
    limits: 'Audit records carry no prompt history: combine with the sign-in hunts.',
    cite: 'Entra audit activities (Disable Strong Authentication, security info deleted, fraud reported)',
  },
  {
    id: 'duo',
    title: 'Cisco Duo authentication log',
    sigma: { product: 'cisco', service: 'duo' },
    user: 'user.name',
    srcIp: 'access_device.ip',
    signals: {
      failed: all(oneOf('factor', ['duo_push', 'phone_call', 'sms_passcode', 'sms_refresh']), oneOf('result', ['denied', 'failure', 'fraud'])),
      approved: all(oneOf('factor', ['duo_push', 'phone_call']), eq('result', 'success')),
      fraud: any(eq('result', 'fraud'), eq('reason', 'user_marked_fraud')),
    },
    splunk: { from: 'sourcetype="cisco:duo:authentication"', fields: {}, time: '_time', cite: 'Cisco Duo Splunk Connector (cisco:duo:authentication), raw Admin API authlog field names' },
    sentinel: [
      {
        from: 'CiscoDuo_CL',
        fields: { 'user.name': 'user_name_s', 'access_device.ip': 'access_device_ip_s', factor: 'factor_s', result: 'result_s', reason: 'reason_s' },
        time: 'TimeGenerated',
        cite: 'Azure-Sentinel Solutions/CiscoDuoSecurity (table CiscoDuo_CL, HTTP Data Collector naming; check with getschema)',
      },
    ],
    elastic: {
      from: 'logs-cisco_duo.auth-*',
      fields: { 'user.name': 'user.name', 'access_device.ip': 'cisco_duo.auth.access_device.ip', factor: 'cisco_duo.auth.factor', result: 'cisco_duo.auth.result', reason: 'cisco_duo.auth.reason' },
      time: '@timestamp',
      cite: 'elastic/integrations packages/cisco_duo data_stream auth fields',
    },
    limits: 'Duo writes one record per attempt and no separate send, so counts match PushTrail; results are compared case-insensitively.',
    cite: 'Duo Admin API v2 authentication logs (result, reason, factor values)',
  },
  {
    id: 'google-workspace',
    title: 'Google Workspace login audit',
    sigma: { product: 'google_workspace', service: 'login' },
    user: 'actor.email',
    srcIp: 'ipAddress',
    signals: {
      failed: all(eq('events.name', 'login_failure'), eq('login_failure_type', 'login_failure_invalid_second_factor')),
      approved: all(eq('events.name', 'login_success'), eq('is_second_factor', 'true')),
      weakened: eq('events.name', '2sv_disable'),
    },
    splunk: {
      from: 'sourcetype="gws:reports:login"',
      fields: { 'events.name': 'events{}.name', login_failure_type: 'events{}.parameters{}.value', is_second_factor: 'events{}.parameters{}.boolValue' },
      time: '_time',
      cite: 'Splunk Add-on for Google Workspace (gws:reports:login); multivalue parameter fields',
    },
    sentinel: [
      {
        from: 'GoogleWorkspaceReports',
        fields: { 'events.name': 'EventName', 'actor.email': 'ActorEmail', ipAddress: 'IPAddress', login_failure_type: 'LoginFailureType', is_second_factor: 'tostring(IsSecondFactor)' },
        time: 'TimeGenerated',
        cite: 'Azure-Sentinel Solutions/GoogleWorkspaceReports (columns as the connector names them; check with getschema)',
      },
    ],
    elastic: {
      from: 'logs-google_workspace.login-*',
      fields: {
        'events.name': 'event.action',
        'actor.email': 'user.email',
        ipAddress: 'source.ip',
        login_failure_type: 'google_workspace.login.failure_type',
        is_second_factor: 'TO_STRING(google_workspace.login.is_second_factor)',
      },
      time: '@timestamp',
      cite: 'elastic/integrations packages/google_workspace data_stream login fields',
    },
    limits: 'Google does not document a denied-prompt record; failures of the second factor stand in for it.',
    cite: 'Admin SDK Reports API login activity events',
  },
  {
    id: 'cloudtrail',
    title: 'AWS CloudTrail console sign-in',
    sigma: { product: 'aws', service: 'cloudtrail' },
    user: 'userIdentity.arn',
    srcIp: 'sourceIPAddress',
    signals: {
      failed: all(eq('eventName', 'ConsoleLogin'), eq('additionalEventData.MFAUsed', 'Yes'), eq('responseElements.ConsoleLogin', 'Failure')),
      approved: all(eq('eventName', 'ConsoleLogin'), eq('additionalEventData.MFAUsed', 'Yes'), eq('responseElements.ConsoleLogin', 'Success')),
      weakened: oneOf('eventName', ['DeactivateMFADevice', 'DeleteVirtualMFADevice']),
    },
    splunk: { from: 'sourcetype="aws:cloudtrail"', fields: {}, time: '_time', cite: 'Splunk Add-on for AWS (aws:cloudtrail); splunk/security_content aws_multiple_failed_mfa_requests_for_user.yml' },
    sentinel: [
      {
        from: 'AWSCloudTrail',
        fields: {
          eventName: 'EventName',
          'additionalEventData.MFAUsed': 'tostring(parse_json(AdditionalEventData).MFAUsed)',
          'responseElements.ConsoleLogin': 'tostring(parse_json(ResponseElements).ConsoleLogin)',
          'userIdentity.arn': 'UserIdentityArn',
          sourceIPAddress: 'SourceIpAddress',
        },
        time: 'TimeGenerated',
        cite: 'Azure Monitor Logs table reference: AWSCloudTrail (AdditionalEventData and ResponseElements are JSON text)',
      },
    ],
    elastic: {
      from: 'logs-aws.cloudtrail-*',
      fields: {
        eventName: 'event.action',
        'additionalEventData.MFAUsed': 'CASE(aws.cloudtrail.console_login.additional_eventdata.mfa_used, "Yes", "No")',
        'responseElements.ConsoleLogin': 'CASE(event.outcome == "success", "Success", "Failure")',
        'userIdentity.arn': 'aws.cloudtrail.user_identity.arn',
        sourceIPAddress: 'source.address',
      },
      time: '@timestamp',
      cite: 'elastic/integrations packages/aws data_stream cloudtrail (console_login.additional_eventdata.mfa_used is a boolean)',
    },
    limits: 'AWS has no push: a failed console sign-in with MFA used is a failed code or key, so bursts here are guessing as much as fatigue.',
    cite: 'CloudTrail console sign-in events (ConsoleLogin, MFAUsed); IAM MFA API events',
  },
  {
    id: 'm365',
    title: 'Microsoft 365 unified audit log',
    sigma: { product: 'm365', service: 'audit' },
    user: 'UserId',
    srcIp: 'ClientIP',
    signals: {
      failed: all(eq('Operation', 'UserLoginFailed'), eq('ErrorNumber', '500121')),
      approved: eq('Operation', 'UserLoggedIn'),
    },
    splunk: { from: 'sourcetype="o365:management:activity"', fields: {}, time: '_time', cite: 'Splunk Add-on for Microsoft Office 365; splunk/security_content o365_multiple_failed_mfa_requests_for_user.yml' },
    elastic: {
      from: 'logs-o365.audit-*',
      fields: { Operation: 'event.action', ErrorNumber: 'o365.audit.ErrorNumber', UserId: 'o365.audit.UserId', ClientIP: 'o365.audit.ClientIP' },
      time: '@timestamp',
      cite: 'elastic/integrations packages/o365 data_stream audit',
    },
    limits: 'A UserLoggedIn record does not say MFA was used; Sentinel keeps these sign-ins in SigninLogs (use the Entra hunts there).',
    cite: 'Office 365 Management Activity API schema (UserLoginFailed, ErrorNumber)',
  },
  {
    id: 'pingid',
    title: 'PingID (PingOne)',
    sigma: { product: 'ping_identity', service: 'pingid' },
    user: 'actors.name',
    srcIp: 'resources.ipaddress',
    signals: {
      failed: oneOf('result.status', ['FAILURE,authFail', 'UNSUCCESSFUL_ATTEMPT']),
      approved: eq('result.status', 'SUCCESS'),
      weakened: contains('result.message', 'Device Unpaired'),
    },
    splunk: {
      from: 'sourcetype="pingid"',
      fields: { 'actors.name': 'actors{}.name', 'resources.ipaddress': 'resources{}.ipaddress' },
      time: '_time',
      cite: 'splunk/security_content pingid_multiple_failed_mfa_requests_for_user.yml (PingID webhook JSON)',
    },
    limits: 'Which PingID records are pushes is not separable from the status alone.',
    cite: 'PingID webhook / PingOne activity JSON as read by Splunk security_content',
  },
  {
    id: 'pingfederate',
    title: 'PingFederate audit log',
    sigma: { product: 'ping_identity', service: 'pingfederate' },
    user: 'subject',
    srcIp: 'ip',
    signals: {
      failed: all(eq('event', 'AUTHN_ATTEMPT'), eq('status', 'failure')),
      approved: all(eq('event', 'AUTHN_ATTEMPT'), eq('status', 'success')),
    },
    limits: 'An AUTHN_ATTEMPT failure may be the password step as well as the PingID adapter: narrow it with your PingID adapter instance id (adapterid).',
    cite: 'PingFederate audit log (audit.log key=value fields event, subject, ip, status, adapterid)',
  },
];

/** The platform's name or expression for a vendor field. */
export function platformField(mapping: PlatformMapping | undefined, field: string): string {
  return mapping?.fields[field] ?? field;
}
