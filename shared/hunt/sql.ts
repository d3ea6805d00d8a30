/**
 * Hunts as SQL over one relation, `ocsf_authentication`: OCSF Authentication (class 3002) rows
 * with the columns Amazon Security Lake and PushTrail's Parquet export share (`time` in epoch
 * milliseconds, `"user".name`, `src_endpoint.ip`, `status_id`, `activity_id`, `is_mfa`,
 * `auth_factors`, `status_detail`, `message`). Every query returns one row per hit with the
 * columns rule, user, src_ip, start_time, end_time (epoch ms), so a script can run them all and
 * compare.
 *
 * Prompts are rebuilt from events the way PushTrail's engine does: an answer (approved, failed,
 * reported) is one prompt; a send (Preauth with a push, SMS or call factor) whose next MFA event
 * for the same user is not an answer within five minutes is an unanswered prompt.
 */
import type { HuntRule } from './hunt-rules.js';
import { huntName, paramsText } from './hunt-rules.js';

export const SQL_DIALECTS = ['duckdb', 'trino'] as const;
export type SqlDialect = (typeof SQL_DIALECTS)[number];

/** The relation every SQL hunt reads; the user points it at a table, files or a view. */
export const OCSF_RELATION = 'ocsf_authentication';

const MINUTE_MS = 60_000;
/** How long a sent prompt waits for its answer (PushTrail's pairing window). */
const PAIR_MS = 5 * MINUTE_MS;

/** OCSF factor_type_id of SMS (1), phone call (3) and push (5): channels an attacker can fire. */
const PROMPT_FACTORS = '1, 3, 5';
/** Reported as fraud: Okta "report suspicious activity", Duo fraud, Entra fraud code. */
const FRAUD_PATTERN = 'fraud|report_suspicious|suspicious activity reported';
/** The same words mfa-weakened reads in a factor change's name and reason. */
const WEAKENED_PATTERN =
  'disable strong authentication|2sv_disable|deactivatemfadevice|deletevirtualmfadevice|(^|[^a-z])(deactivat|disabl|delet|remov|reset|suspend|unpair|unenrol)';

interface Dialect {
  regex(text: string, pattern: string): string;
  firstFactor: string;
}

const DIALECTS: Record<SqlDialect, Dialect> = {
  duckdb: { regex: (t, p) => `regexp_matches(${t}, '${p}')`, firstFactor: 'auth_factors[1].factor_type_id' },
  trino: { regex: (t, p) => `regexp_like(${t}, '${p}')`, firstFactor: 'element_at(auth_factors, 1).factor_type_id' },
};

/** Events classified once; every hunt starts from these common table expressions. */
function prompts(d: Dialect): string {
  const factor = 'factor';
  const mayBePrompt = `(${factor} IS NULL OR ${factor} IN (0, ${PROMPT_FACTORS}))`;
  return `ev AS (
  SELECT
    CAST("time" AS BIGINT) AS t,
    lower("user".name) AS usr,
    src_endpoint.ip AS src_ip,
    status_id,
    activity_id,
    coalesce(is_mfa, false) AS is_mfa,
    ${d.firstFactor} AS ${factor},
    lower(coalesce(message, '') || ' ' || coalesce(status_detail, '')) AS txt
  FROM ${OCSF_RELATION}
  WHERE "user".name IS NOT NULL
),
classified AS (
  SELECT *,
    CASE
      WHEN is_mfa AND activity_id = 6 AND status_id = 0 AND ${factor} IN (${PROMPT_FACTORS}) THEN 'send'
      WHEN is_mfa AND status_id = 2 AND ${d.regex('txt', FRAUD_PATTERN)} THEN 'fraud'
      WHEN is_mfa AND status_id = 1 AND ${mayBePrompt} THEN 'approved'
      WHEN status_id = 2 AND ((is_mfa AND ${mayBePrompt}) OR ${factor} IN (${PROMPT_FACTORS})) THEN 'failed'
      ELSE NULL
    END AS kind
  FROM ev
),
sequenced AS (
  SELECT *,
    LEAD(kind) OVER (PARTITION BY usr ORDER BY t) AS next_kind,
    LEAD(t) OVER (PARTITION BY usr ORDER BY t) AS next_t,
    LAG(kind) OVER (PARTITION BY usr ORDER BY t) AS prev_kind,
    LAG(t) OVER (PARTITION BY usr ORDER BY t) AS prev_t,
    LAG(src_ip) OVER (PARTITION BY usr ORDER BY t) AS prev_src_ip
  FROM classified
  WHERE kind IS NOT NULL
),
attempts AS (
  -- One row per prompt. An answer to a send takes the send's source: that is where the sign-in
  -- came from (Okta logs a denial from the phone's own address).
  SELECT usr, t,
    CASE WHEN kind = 'approved' THEN 'approved' ELSE 'failed' END AS outcome,
    CASE WHEN prev_kind = 'send' AND t - prev_t <= ${PAIR_MS} THEN coalesce(prev_src_ip, src_ip) ELSE src_ip END AS src_ip
  FROM sequenced
  WHERE kind IN ('approved', 'failed') OR (kind = 'fraud' AND ${factor} IN (${PROMPT_FACTORS}))
  UNION ALL
  SELECT usr, t, 'failed' AS outcome, src_ip
  FROM sequenced
  WHERE kind = 'send' AND (next_kind IS NULL OR next_kind = 'send' OR next_t - t > ${PAIR_MS})
)`;
}

function header(rule: HuntRule, dialect: SqlDialect): string {
  return [
    `-- PushTrail hunt: ${huntName(rule)} (${rule.title}), level ${rule.level}`,
    `-- Parameters from the case: ${paramsText(rule)}`,
    `-- Dialect: ${dialect}. Reads ${OCSF_RELATION}: OCSF Authentication (3002) rows, time in epoch ms.`,
    `-- Finds: ${rule.sees}`,
    `-- Cannot see: ${rule.misses}`,
    '-- Returns one row per hit: rule, user, src_ip, start_time, end_time (epoch ms).',
  ].join('\n');
}

/** The episodes of at least `threshold` failed prompts within `windowMs`, one row per episode. */
function bursts(threshold: number, windowMs: number): string {
  return `failed AS (
  SELECT usr, t, src_ip,
    COUNT(*) OVER (PARTITION BY usr ORDER BY t RANGE BETWEEN CURRENT ROW AND ${windowMs} FOLLOWING) AS ahead
  FROM attempts WHERE outcome = 'failed'
),
starts AS (
  SELECT usr, t AS start_t, t + ${windowMs} AS reach, src_ip FROM failed WHERE ahead >= ${threshold}
),
islands AS (
  SELECT *, SUM(CASE WHEN prev_reach IS NULL OR start_t > prev_reach THEN 1 ELSE 0 END) OVER (PARTITION BY usr ORDER BY start_t) AS episode
  FROM (SELECT *, MAX(reach) OVER (PARTITION BY usr ORDER BY start_t ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS prev_reach FROM starts) s
),
episodes AS (
  SELECT i.usr, i.episode, MIN(i.start_t) AS start_t, MAX(i.reach) AS reach FROM islands i GROUP BY i.usr, i.episode
),
burst AS (
  SELECT e.usr, e.episode, MIN(f.t) AS start_time, MAX(f.t) AS end_time, MIN(f.src_ip) AS src_ip
  FROM episodes e JOIN failed f ON f.usr = e.usr AND f.t >= e.start_t AND f.t <= e.reach
  GROUP BY e.usr, e.episode
)`;
}

function body(rule: HuntRule, d: Dialect): string {
  const p = rule.params;
  const minutes = (key: string): number => Number(p[key]) * MINUTE_MS;
  switch (rule.id) {
    case 'push-burst':
      return `WITH ${prompts(d)},
${bursts(Number(p['threshold']), minutes('windowMinutes'))}
SELECT 'push-burst' AS rule, usr AS "user", src_ip, start_time, end_time FROM burst`;
    case 'fatigue-approval': {
      const within = minutes('approvalWithinMinutes');
      const windowMs = minutes('windowMinutes');
      return `WITH ${prompts(d)},
approvals AS (SELECT usr, t, src_ip FROM attempts WHERE outcome = 'approved'),
failures AS (SELECT usr, t, src_ip FROM attempts WHERE outcome = 'failed'),
last_failure AS (
  -- The last unapproved prompt before each approval, if it came at most ${p['approvalWithinMinutes']} minutes before.
  SELECT a.usr, a.t AS approved_t, MAX(f.t) AS last_t
  FROM approvals a JOIN failures f ON f.usr = a.usr AND f.t <= a.t AND f.t >= a.t - ${within}
  GROUP BY a.usr, a.t
),
worn_down AS (
  SELECT l.usr, l.approved_t, MIN(f.t) AS start_time, COUNT(*) AS failed_prompts, MIN(f.src_ip) AS src_ip
  FROM last_failure l JOIN failures f ON f.usr = l.usr AND f.t <= l.last_t AND f.t >= l.last_t - ${windowMs}
  GROUP BY l.usr, l.approved_t
  HAVING COUNT(*) >= ${Number(p['threshold'])}
)
SELECT 'fatigue-approval' AS rule, usr AS "user", src_ip, start_time, approved_t AS end_time FROM worn_down`;
    }
    case 'fraud-report':
      return `WITH ${prompts(d)}
SELECT 'fraud-report' AS rule, usr AS "user", src_ip, t AS start_time, t AS end_time FROM classified WHERE kind = 'fraud'`;
    case 'mfa-weakened':
      return `WITH ev AS (
  SELECT CAST("time" AS BIGINT) AS t, lower("user".name) AS usr, src_endpoint.ip AS src_ip,
    lower(coalesce(message, '') || ' ' || coalesce(status_detail, '')) AS txt
  FROM ${OCSF_RELATION}
  -- A factor change: OCSF activity Other with status Other (Security Lake files these under Account Change, 3001).
  WHERE "user".name IS NOT NULL AND activity_id = 99 AND status_id = 99
)
SELECT 'mfa-weakened' AS rule, usr AS "user", src_ip, t AS start_time, t AS end_time FROM ev WHERE ${d.regex('txt', WEAKENED_PATTERN)}`;
    case 'source-many-users': {
      const windowMs = minutes('windowMinutes');
      return `WITH ${prompts(d)},
per_source AS (
  SELECT src_ip, usr, t, outcome FROM attempts WHERE src_ip IS NOT NULL
),
reach AS (
  -- From each failed prompt, the distinct users the same source failed within the window ahead.
  SELECT a.src_ip, a.t AS start_t, COUNT(DISTINCT b.usr) AS users, MAX(b.t) AS end_t
  FROM per_source a JOIN per_source b ON b.src_ip = a.src_ip AND b.t >= a.t AND b.t <= a.t + ${windowMs} AND b.outcome = 'failed'
  WHERE a.outcome = 'failed'
  GROUP BY a.src_ip, a.t
),
share AS (
  -- A shared gateway (office NAT, VPN) sees mostly approvals; an attacker's source mostly failures.
  SELECT src_ip, AVG(CASE WHEN outcome = 'approved' THEN 1.0 ELSE 0.0 END) AS approved_share FROM per_source GROUP BY src_ip
)
SELECT DISTINCT 'source-many-users' AS rule, p.usr AS "user", r.src_ip, r.start_t AS start_time, r.end_t AS end_time
FROM reach r
JOIN share s ON s.src_ip = r.src_ip
JOIN per_source p ON p.src_ip = r.src_ip AND p.outcome = 'failed' AND p.t >= r.start_t AND p.t <= r.end_t
WHERE r.users >= ${Number(p['minUsers'])} AND s.approved_share <= ${Number(p['maxApprovedShare'])}`;
    }
  }
}

/** One SQL hunt. */
export function sqlHunt(rule: HuntRule, dialect: SqlDialect): string {
  return `${header(rule, dialect)}\n${body(rule, DIALECTS[dialect])}\nORDER BY start_time, "user";\n`;
}

/**
 * Context brought back around each hit: the sign-in steps before the first prompt (a prompt's
 * send precedes its answer; the password step precedes both) and what followed the last.
 */
const CONTEXT_MS = 60 * MINUTE_MS;

/**
 * The events behind one hunt's hits: every ${OCSF_RELATION} row (all columns, `raw_data`
 * included) of a hit's user from an hour before its start to an hour after its end. Written out as the lake's usual files
 * (e.g. DuckDB `COPY (...) TO 'answer.parquet'`, Athena `UNLOAD`), they import into the case as
 * evidence with the original records recovered.
 */
export function sqlHuntEvents(rule: HuntRule, dialect: SqlDialect): string {
  const head = header(rule, dialect)
    .split('\n')
    .filter((line) => !line.startsWith('-- Returns'))
    .join('\n');
  return `${head}
-- Returns the ${OCSF_RELATION} rows of each hit's user from ${CONTEXT_MS / MINUTE_MS} minutes before its start to ${CONTEXT_MS / MINUTE_MS} minutes after its end
-- (every column, raw_data included), to bring back into the case.
WITH hits AS (
${body(rule, DIALECTS[dialect])}
)
SELECT a.* FROM ${OCSF_RELATION} a
WHERE EXISTS (
  SELECT 1 FROM hits h
  WHERE lower(a."user".name) = h."user" AND CAST(a."time" AS BIGINT) BETWEEN h.start_time - ${CONTEXT_MS} AND h.end_time + ${CONTEXT_MS}
)
ORDER BY a."time";
`;
}
