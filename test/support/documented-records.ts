/**
 * Test-only: records of kinds no public sample in ../shared/corpus holds, built field by field
 * from the vendor's documentation (cited per builder). Values are made up; names, nesting and
 * value forms follow the documents.
 */

/**
 * An Azure Monitor record of category MicrosoftGraphActivityLogs, as diagnostic settings send
 * it to a storage account or Event Hub: the common envelope of Azure resource logs
 * (https://learn.microsoft.com/en-us/azure/azure-monitor/essentials/resource-logs-schema) with
 * the Graph activity log fields under `properties`
 * (https://learn.microsoft.com/en-us/graph/microsoft-graph-activity-logs-overview#what-data-is-available-in-the-microsoft-graph-activity-logs).
 */
export function graphActivityRecord(i: number): Record<string, unknown> {
  const time = `2025-03-14T01:${String(10 + i).padStart(2, '0')}:05.1234567Z`;
  return {
    time,
    resourceId: '/TENANTS/8F0C6B1E-3D5A-4E1B-9C2D-7A6B5C4D3E2F/PROVIDERS/MICROSOFT.AADIAM',
    operationName: 'Microsoft Graph Activity',
    operationVersion: 'beta',
    category: 'MicrosoftGraphActivityLogs',
    resultSignature: '200',
    durationMs: '182',
    callerIpAddress: '203.0.113.7',
    correlationId: `6f1c2b3a-0000-4000-8000-${String(i).padStart(12, '0')}`,
    level: 'Informational',
    location: 'West Europe',
    properties: {
      timeGenerated: time,
      location: 'West Europe',
      requestId: `a1b2c3d4-0000-4000-8000-${String(i).padStart(12, '0')}`,
      operationId: `op-${i}`,
      clientRequestId: `c-${i}`,
      apiVersion: 'v1.0',
      requestMethod: 'GET',
      responseStatusCode: 200,
      tenantId: '8f0c6b1e-3d5a-4e1b-9c2d-7a6b5c4d3e2f',
      durationMs: 182,
      responseSizeBytes: 1204,
      signInActivityId: `sgn-${i}`,
      roles: '',
      tokenIssuedAt: '2025-03-14T01:00:00Z',
      appId: '14d82eec-204b-4c2f-b7e8-296a70dab67e',
      userId: '3c4d5e6f-0000-4000-8000-000000000001',
      servicePrincipalId: '',
      scopes: 'User.Read Mail.Read',
      identityProvider: 'https://sts.windows.net/8f0c6b1e-3d5a-4e1b-9c2d-7a6b5c4d3e2f/',
      clientAuthMethod: 0,
      wids: 'b79fbf4d-3ef9-4689-8143-76b194e85509',
      ipAddress: '203.0.113.7',
      userAgent: 'python-requests/2.31.0',
      requestUri: 'https://graph.microsoft.com/v1.0/me/messages',
      deviceId: '',
    },
  };
}

/**
 * An Azure Monitor record of category UserRiskEvents: the resource-log envelope (as above)
 * with the risk detection under `properties`, whose fields are those of Graph's
 * riskDetection resource (https://learn.microsoft.com/en-us/graph/api/resources/riskdetection)
 * and of the AADUserRiskEvents table
 * (https://learn.microsoft.com/en-us/azure/azure-monitor/reference/tables/aaduserriskevents).
 * It carries `activityDateTime` and `userPrincipalName`, as a directory audit and a sign-in do.
 */
export function userRiskEventRecord(i: number): Record<string, unknown> {
  const time = `2025-03-14T01:${String(20 + i).padStart(2, '0')}:00.0000000Z`;
  return {
    time,
    resourceId: '/tenants/8f0c6b1e-3d5a-4e1b-9c2d-7a6b5c4d3e2f/providers/Microsoft.aadiam',
    operationName: 'User Risk Detection',
    operationVersion: '1.0',
    category: 'UserRiskEvents',
    tenantId: '8f0c6b1e-3d5a-4e1b-9c2d-7a6b5c4d3e2f',
    resultSignature: 'None',
    durationMs: 0,
    callerIpAddress: '198.51.100.23',
    correlationId: `d4e5f6a7-0000-4000-8000-${String(i).padStart(12, '0')}`,
    Level: 4,
    properties: {
      id: `rd-${i}`,
      requestId: `req-${i}`,
      correlationId: `d4e5f6a7-0000-4000-8000-${String(i).padStart(12, '0')}`,
      riskType: 'unfamiliarFeatures',
      riskEventType: 'unfamiliarFeatures',
      riskState: 'atRisk',
      riskLevel: 'medium',
      riskDetail: 'none',
      source: 'IdentityProtection',
      detectionTimingType: 'realtime',
      activity: 'signin',
      tokenIssuerType: 'AzureAD',
      ipAddress: '198.51.100.23',
      location: { city: 'Amsterdam', state: 'Noord-Holland', countryOrRegion: 'NL', geoCoordinates: { latitude: 52.37, longitude: 4.89 } },
      activityDateTime: time,
      detectedDateTime: time,
      lastUpdatedDateTime: time,
      userId: '3c4d5e6f-0000-4000-8000-000000000001',
      userDisplayName: 'Ivan Petrov',
      userPrincipalName: 'ivan@contoso.example',
      additionalInfo: '[{"Key":"userAgent","Value":"Mozilla/5.0"}]',
    },
  };
}

/**
 * A Duo offline enrolment log record (Admin API `/admin/v1/logs/offline_enrollment`,
 * https://duo.com/docs/adminapi#offline-enrollment-logs: action, description as JSON text,
 * object, timestamp in Unix seconds, username), with the `eventtype` and `host` a log-sync
 * collector adds (duo_client_python adds them to every log it fetches, duo_client/admin.py).
 */
export function duoOfflineRecord(i: number, eventtype: string): Record<string, unknown> {
  return {
    action: 'o2fa_user_provisioned',
    description: '{"user_agent": "DuoWinLogon/4.0.0.0", "hostname": "WKSW10x64", "factor": "duo_otp"}',
    object: 'Acme Laptop Windows Logon',
    timestamp: 1741914000 + i * 60,
    username: 'ivan',
    eventtype,
    host: 'api-abc123.duosecurity.com',
  };
}
