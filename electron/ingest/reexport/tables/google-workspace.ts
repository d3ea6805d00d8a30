/**
 * Google Workspace Reports in Microsoft Sentinel: table `GoogleWorkspaceReports` written by
 * the CCF connector (docs/export-shapes.md §5). The column map is the inverse of the connector's
 * DCR, Azure/Azure-Sentinel `Solutions/GoogleWorkspaceReports/Data Connectors/
 * GoogleWorkspaceTemplate_ccp/dcr.json` (transformKql: `TimeGenerated = todatetime(start_time)`,
 * `ActorEmail=actor_email`, `EventMessage=event_name`, `EventOriginalMessage=events`,
 * `LoginChallengeMethod=login_challenge_method`, ...), whose input columns are the activity's
 * fields flattened (`actor_email`, `id_uniqueQualifier`, `id_applicationName`). Each row is one
 * event of one activity. `EventOriginalMessage` holds the activity's original `events` when
 * the poller kept them; the login parameters are rebuilt from their columns otherwise.
 */
import type { TimeSettings } from '../../time/timestamp.js';
import { isObject, type Json, type JsonObject } from '../../vendors/fields.js';
import type { Columns } from '../columns.js';
import { mapColumns, type ColumnMap, type TableMap } from './table.js';

const ACTIVITY_COLUMNS: ColumnMap = [
  ['timegenerated', 'id.time', 'time'],
  ['eventid', 'id.uniqueQualifier', 'text'],
  ['idapplicationname', 'id.applicationName', 'text'],
  ['useraadid', 'id.customerId', 'text'],
  ['actoremail', 'actor.email', 'text'],
  ['actorprofileid', 'actor.profileId', 'text'],
  ['actorcallertype', 'actor.callerType', 'text'],
  ['actorkey', 'actor.key', 'text'],
  ['srcipaddr', 'ipAddress', 'text'],
  ['ownerdomain', 'ownerDomain', 'text'],
  ['etag', 'etag', 'text'],
];

/** Login event parameters with a column of their own (the login application's, docs/log-sources.md §5). */
const PARAMETER_COLUMNS: readonly (readonly [column: string, parameter: string])[] = [
  ['logintype', 'login_type'],
  ['loginchallengemethod', 'login_challenge_method'],
  ['loginchallengestatus', 'login_challenge_status'],
  ['issecondfactor', 'is_second_factor'],
  ['issuspicious', 'is_suspicious'],
];

function parameter(name: string, value: Json): JsonObject {
  if (typeof value === 'boolean') return { name, boolValue: value };
  if (typeof value === 'string' && /^(true|false)$/i.test(value.trim())) return { name, boolValue: value.trim().toLowerCase() === 'true' };
  if (Array.isArray(value)) return { name, multiValue: value };
  return { name, value: typeof value === 'string' ? value : JSON.stringify(value) };
}

function rebuiltEvent(row: Columns): JsonObject {
  const event: JsonObject = {};
  const type = row.get('eventtype');
  const name = row.get('eventmessage');
  if (type !== undefined) event['type'] = type;
  if (name !== undefined) event['name'] = name;
  const parameters: JsonObject[] = [];
  for (const [column, param] of PARAMETER_COLUMNS) {
    const value = row.json(column);
    if (value !== undefined && value !== null) parameters.push(parameter(param, value));
  }
  event['parameters'] = parameters;
  return event;
}

/**
 * The row's own event from the original `events` when the row kept them (an array or one
 * event object): the one named by the row when the activity had several, so that the rows of
 * one activity do not each repeat all of its events.
 */
function originalEvents(row: Columns): Json[] | undefined {
  const kept = row.json('eventoriginalmessage');
  const events = Array.isArray(kept) ? kept.filter(isObject) : isObject(kept) ? [kept] : [];
  if (events.length === 0) return undefined;
  const name = row.get('eventmessage');
  const own = events.filter((e) => e['name'] === name);
  return own.length > 0 ? own : events;
}

function toActivity(row: Columns, time: TimeSettings): JsonObject {
  const activity = mapColumns(ACTIVITY_COLUMNS, row, time);
  activity['kind'] = 'admin#reports#activity';
  activity['events'] = originalEvents(row) ?? [rebuiltEvent(row)];
  return activity;
}

export const GOOGLE_WORKSPACE_TABLE: TableMap = {
  table: 'GoogleWorkspaceReports',
  signature: ['actoremail', 'eventmessage', 'idapplicationname'],
  toVendor: toActivity,
};
