/**
 * Where exports put their array of records, as dotted paths from the top-level object. The
 * JSON reader reads a first object holding an array at one of these paths as a wrapper of
 * records; recognition asks the same of a parsed first line.
 */
export const WRAPPER_PATHS: ReadonlySet<string> = new Set([
  'value', // Microsoft Graph
  'records', // Azure diagnostic settings
  'Records', // CloudTrail S3 objects
  'items', // Google Reports API
  'data', // generic API envelopes
  'response', // Duo Admin API v1
  'response.authlogs', // Duo Admin API v2 authentication log
  'response.items', // Duo Admin API v2 telephony log
  '_embedded.activities', // PingOne API
  'hits.hits', // Elasticsearch / OpenSearch search and scroll responses
  'results', // Splunk search results (output_mode=json)
  'Events', // CloudTrail LookupEvents (event history)
]);
