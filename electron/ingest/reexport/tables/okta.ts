/**
 * Okta System Log in Microsoft Sentinel (docs/export-shapes.md §3).
 *
 * `OktaV2_CL` (the CCF poller): the column map is the inverse of the connector's DCR
 * projection, Azure/Azure-Sentinel `Solutions/Okta Single Sign-On/Data Connectors/
 * OktaNativePollerConnectorV2/OktaSSOv2_DCR.json` (transformKql: `TimeGenerated =
 * todatetime(published)`, `OriginalActorAlternateId = tostring(actor.alternateId)`, ...). The
 * ASIM columns derived from others (`ActorUsername`, `EventResult`, `DvcAction`, ...) are not
 * read: the originals they were computed from are there.
 *
 * `Okta_CL` (the legacy Azure Function connector, HTTP Data Collector API): every nested path
 * flattened with `_` and suffixed with its type (`_s` string, `_d` number, `_b` bool, `_t`
 * datetime, `_g` GUID): `actor_alternateId_s`, `client_ipAddress_s`, `outcome_result_s`,
 * `uuid_g`, `published_t`, nested arrays as JSON text (`target_s`) [SEN-OKTA-ASIM],
 * [3P-OKTA-CL]. Okta's field names are camelCase without `_`, so the path is the name split
 * at `_`.
 */
import type { TimeSettings } from '../../time/timestamp.js';
import type { JsonObject } from '../../vendors/fields.js';
import { setPath, type Columns } from '../columns.js';
import { mapColumns, type ColumnMap, type TableMap } from './table.js';

const OKTA_V2_COLUMNS: ColumnMap = [
  ['timegenerated', 'published', 'time'],
  ['eventoriginaluid', 'uuid', 'text'],
  ['eventoriginaltype', 'eventType', 'text'],
  ['legacyeventtype', 'legacyEventType', 'text'],
  ['eventmessage', 'displayMessage', 'text'],
  ['originalseverity', 'severity', 'text'],
  ['version', 'version', 'text'],
  ['actordisplayname', 'actor.displayName', 'text'],
  ['originaluserid', 'actor.id', 'text'],
  ['originalactoralternateid', 'actor.alternateId', 'text'],
  ['originalusertype', 'actor.type', 'text'],
  ['actordetailentry', 'actor.detailEntry', 'json'],
  ['authenticationcontextauthenticationprovider', 'authenticationContext.authenticationProvider', 'text'],
  ['authenticationcontextauthenticationstep', 'authenticationContext.authenticationStep', 'text'],
  ['authenticationcontextcredentialprovider', 'authenticationContext.credentialProvider', 'text'],
  ['logonmethod', 'authenticationContext.credentialType', 'text'],
  ['actorsessionid', 'authenticationContext.externalSessionId', 'text'],
  ['authenticationcontextinterface', 'authenticationContext.interface', 'text'],
  ['authenticationcontextissuerid', 'authenticationContext.issuer.id', 'text'],
  ['authenticationcontextissuertype', 'authenticationContext.issuer.type', 'text'],
  ['originalclientdevice', 'client.device', 'text'],
  ['srcdvcid', 'client.id', 'text'],
  ['srcipaddr', 'client.ipAddress', 'text'],
  ['srczone', 'client.zone', 'text'],
  ['srcgeocity', 'client.geographicalContext.city', 'text'],
  ['srcgeoregion', 'client.geographicalContext.state', 'text'],
  ['srcgeocountry', 'client.geographicalContext.country', 'text'],
  ['srcgeopostalcode', 'client.geographicalContext.postalCode', 'text'],
  ['srcgeolatitude', 'client.geographicalContext.geolocation.lat', 'text'],
  // Spelt so by the connector.
  ['srcgeolongtitude', 'client.geographicalContext.geolocation.lon', 'text'],
  ['actingappname', 'client.userAgent.browser', 'text'],
  ['srcdvcos', 'client.userAgent.os', 'text'],
  ['httpuseragent', 'client.userAgent.rawUserAgent', 'text'],
  ['debugdata', 'debugContext.debugData', 'json'],
  ['eventoriginalresultdetails', 'outcome.reason', 'text'],
  ['originaloutcomeresult', 'outcome.result', 'text'],
  ['request', 'request', 'json'],
  ['securitycontextasnumber', 'securityContext.asNumber', 'text'],
  ['securitycontextasorg', 'securityContext.asOrg', 'text'],
  ['securitycontextdomain', 'securityContext.domain', 'text'],
  ['srcisp', 'securityContext.isp', 'text'],
  ['securitycontextisproxy', 'securityContext.isProxy', 'text'],
  ['originaltarget', 'target', 'json'],
  ['transactiontype', 'transaction.type', 'text'],
  ['transactionid', 'transaction.id', 'text'],
  ['transactiondetail', 'transaction.detail', 'json'],
];

export const OKTA_V2_TABLE: TableMap = {
  table: 'OktaV2_CL',
  signature: ['eventoriginaltype', 'originaloutcomeresult'],
  toVendor: (row, time) => mapColumns(OKTA_V2_COLUMNS, row, time),
};

/** Type suffixes of the HTTP Data Collector API. */
const TYPED_COLUMN = /^(.+)_([sdbtg])$/;

function legacyOkta(row: Columns, time: TimeSettings): JsonObject {
  const out: JsonObject = {};
  for (const name of row.names) {
    const m = TYPED_COLUMN.exec(name.replace(/\[utc\]\s*$/i, '').trim());
    if (m === null) continue;
    const [, flat = '', type] = m;
    const key = `${flat}_${type}`.replace(/\s+/g, '').toLowerCase();
    const path = flat.split('_').join('.');
    setPath(out, path, type === 't' ? row.utcTime(key, time) : type === 's' ? row.json(key) : row.get(key));
  }
  // The ingestion time stands in only when the event's own time was not exported.
  if (out['published'] === undefined) setPath(out, 'published', row.utcTime('timegenerated', time));
  return out;
}

/** The paths come from the columns' own spelling: each segment's camelCase is Okta's. */
export const OKTA_LEGACY_TABLE: TableMap = {
  table: 'Okta_CL',
  signature: ['eventtype_s'],
  toVendor: legacyOkta,
};
