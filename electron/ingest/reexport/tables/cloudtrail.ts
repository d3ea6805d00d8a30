/**
 * AWS CloudTrail in Microsoft Sentinel: table `AWSCloudTrail` (docs/export-shapes.md §6). Column
 * names from the Azure Monitor table reference, MicrosoftDocs/azure-reference-other
 * `azure-monitor-ref/tables/includes/awscloudtrail-include.md` [LA-AWSCT]: the record's fields in
 * PascalCase with `userIdentity.*` and `userIdentity.sessionContext.*` flattened
 * (`UserIdentityArn`, `SessionMfaAuthenticated`), the nested request, response and additional
 * data kept as JSON text (`AdditionalEventData`, read by Sentinel's own analytics as
 * `parse_json(AdditionalEventData).MFAUsed` [SEN-AWS-MFA]).
 */
import { mapColumns, type ColumnMap, type TableMap } from './table.js';

const CLOUDTRAIL_COLUMNS: ColumnMap = [
  ['timegenerated', 'eventTime', 'time'],
  ['eventname', 'eventName', 'text'],
  ['eventsource', 'eventSource', 'text'],
  ['eventtypename', 'eventType', 'text'],
  ['eventversion', 'eventVersion', 'text'],
  ['awseventid', 'eventID', 'text'],
  ['awsrequestid', 'requestID', 'text'],
  ['awsregion', 'awsRegion', 'text'],
  ['recipientaccountid', 'recipientAccountId', 'text'],
  ['sourceipaddress', 'sourceIPAddress', 'text'],
  ['useragent', 'userAgent', 'text'],
  ['errorcode', 'errorCode', 'text'],
  ['errormessage', 'errorMessage', 'text'],
  ['readonly', 'readOnly', 'text'],
  ['managementevent', 'managementEvent', 'text'],
  ['useridentitytype', 'userIdentity.type', 'text'],
  ['useridentityusername', 'userIdentity.userName', 'text'],
  ['useridentityarn', 'userIdentity.arn', 'text'],
  ['useridentityaccountid', 'userIdentity.accountId', 'text'],
  ['useridentityprincipalid', 'userIdentity.principalId', 'text'],
  ['useridentityaccesskeyid', 'userIdentity.accessKeyId', 'text'],
  ['useridentityinvokedby', 'userIdentity.invokedBy', 'text'],
  ['sessionmfaauthenticated', 'userIdentity.sessionContext.attributes.mfaAuthenticated', 'text'],
  ['sessioncreationdate', 'userIdentity.sessionContext.attributes.creationDate', 'time'],
  ['sessionissuertype', 'userIdentity.sessionContext.sessionIssuer.type', 'text'],
  ['sessionissuerusername', 'userIdentity.sessionContext.sessionIssuer.userName', 'text'],
  ['sessionissuerarn', 'userIdentity.sessionContext.sessionIssuer.arn', 'text'],
  ['sessionissuerprincipalid', 'userIdentity.sessionContext.sessionIssuer.principalId', 'text'],
  ['additionaleventdata', 'additionalEventData', 'json'],
  ['responseelements', 'responseElements', 'json'],
  ['requestparameters', 'requestParameters', 'json'],
  ['resources', 'resources', 'json'],
];

export const CLOUDTRAIL_TABLE: TableMap = {
  table: 'AWSCloudTrail',
  signature: ['awseventid', 'eventname'],
  toVendor: (row, time) => mapColumns(CLOUDTRAIL_COLUMNS, row, time),
};
