/**
 * A hunt pack: every query for the chosen targets, generated from the case's detection settings,
 * with a README that says where each file goes and how each platform names the vendor fields.
 */
import type { DetectionConfig } from '../detect/params.js';
import { fieldsOf } from './condition.js';
import { esqlHunt } from './esql.js';
import { huntName, huntRules, paramsText, type HuntRule } from './hunt-rules.js';
import { kqlHunts } from './kql.js';
import { sigmaFile } from './sigma.js';
import { HUNT_SOURCES, platformField, type HuntSource } from './sources.js';
import { splHunt } from './spl.js';
import { sqlHunt, sqlHuntEvents, type SqlDialect, OCSF_RELATION } from './sql.js';

export const HUNT_TARGETS = ['sigma', 'spl', 'kql', 'esql', 'sql'] as const;
export type HuntTarget = (typeof HUNT_TARGETS)[number];

export interface HuntFile {
  /** Relative path inside the pack, '/'-separated. */
  path: string;
  content: string;
}

export interface HuntPackOptions {
  targets: readonly HuntTarget[];
  dialects: readonly SqlDialect[];
  /** The date written into Sigma rules (YYYY-MM-DD). */
  date: string;
}

function filesFor(target: HuntTarget, rules: readonly HuntRule[], options: HuntPackOptions): HuntFile[] {
  const out: HuntFile[] = [];
  switch (target) {
    case 'sigma':
      for (const source of HUNT_SOURCES) {
        const content = sigmaFile(source, rules, options.date);
        if (content !== null) out.push({ path: `sigma/${source.id}.yml`, content });
      }
      break;
    case 'spl':
      for (const rule of rules)
        for (const source of HUNT_SOURCES) {
          const content = splHunt(rule, source);
          if (content !== null) out.push({ path: `splunk/${huntName(rule)}.${source.id}.spl`, content });
        }
      break;
    case 'kql':
      for (const rule of rules)
        for (const source of HUNT_SOURCES)
          for (const { table, query } of kqlHunts(rule, source)) out.push({ path: `sentinel/${huntName(rule)}.${table}.kql`, content: query });
      break;
    case 'esql':
      for (const rule of rules)
        for (const source of HUNT_SOURCES) {
          const content = esqlHunt(rule, source);
          if (content !== null) out.push({ path: `elastic/${huntName(rule)}.${source.id}.esql`, content });
        }
      break;
    case 'sql':
      for (const dialect of options.dialects)
        for (const rule of rules) {
          out.push({ path: `sql/${dialect}/${huntName(rule)}.sql`, content: sqlHunt(rule, dialect) });
          out.push({ path: `sql/${dialect}/${huntName(rule)}.events.sql`, content: sqlHuntEvents(rule, dialect) });
        }
      break;
  }
  return out;
}

/** Vendor field → each platform's name, per log source: what the README's mapping tables show. */
export function fieldMappingMarkdown(): string {
  const lines: string[] = ['# How each platform names the vendor fields the hunts read', ''];
  for (const source of HUNT_SOURCES) {
    const fields = [source.user, source.srcIp, ...Object.values(source.signals).flatMap((c) => fieldsOf(c))].filter((f, i, all) => all.indexOf(f) === i);
    const sentinel = source.sentinel ?? [];
    lines.push(`## ${source.title} (\`${source.id}\`)`, '', `Vendor fields: ${source.cite}.`, '');
    const heads = ['vendor field', 'Sigma', ...(source.splunk ? ['Splunk'] : []), ...sentinel.map((m) => `Sentinel ${m.from}`), ...(source.elastic ? ['Elastic'] : [])];
    lines.push(`| ${heads.join(' | ')} |`, `|${heads.map(() => '---').join('|')}|`);
    for (const f of fields) {
      const cells = [
        f,
        source.sigma.fields?.[f] ?? f,
        ...(source.splunk ? [platformField(source.splunk, f)] : []),
        ...sentinel.map((m) => platformField(m, f)),
        ...(source.elastic ? [platformField(source.elastic, f)] : []),
      ];
      lines.push(`| ${cells.map((c) => `\`${c.replace(/\|/g, '\\|')}\``).join(' | ')} |`);
    }
    const where = [
      `Sigma logsource \`product: ${source.sigma.product}, service: ${source.sigma.service}\``,
      ...(source.splunk ? [`Splunk \`${source.splunk.from}\` (${source.splunk.cite})`] : []),
      ...sentinel.map((m) => `Sentinel \`${m.from}\` (${m.cite})`),
      ...(source.elastic ? [`Elastic \`${source.elastic.from}\` (${source.elastic.cite})`] : []),
    ];
    lines.push('', ...where.map((w) => `- ${w}`), `- Limits: ${source.limits}`, '');
  }
  return lines.join('\n');
}

function readme(rules: readonly HuntRule[], options: HuntPackOptions, sources: readonly HuntSource[]): string {
  return [
    '# PushTrail hunt pack',
    '',
    'Generated from the case\'s detection settings: the same rules and parameters its report\'s Method section prints.',
    '',
    '| rule | level | parameters | finds | cannot see |',
    '|---|---|---|---|---|',
    ...rules.map((r) => `| ${huntName(r)} | ${r.level} | ${paramsText(r)} | ${r.sees} | ${r.misses} |`),
    '',
    '## Where each file goes',
    '',
    '- `sigma/<source>.yml`: Sigma v2 rules, base rules and their correlation rules in one multi-document file per log source; convert them with pySigma / sigma-cli for your SIEM.',
    '- `splunk/<rule>.<source>.spl`: paste into Splunk Search; adjust the index and sourcetype in the first line to your add-on.',
    '- `sentinel/<rule>.<table>.kql`: run in Microsoft Sentinel / Defender advanced hunting; check custom-log column names with `<table> | getschema`.',
    '- `elastic/<rule>.<source>.esql`: run in Kibana Discover (ES|QL) against the Elastic integration\'s data stream.',
    `- \`sql/<dialect>/<rule>.sql\`: read one relation, \`${OCSF_RELATION}\` (OCSF Authentication 3002 rows). Point it at your table, e.g. in DuckDB over PushTrail's Parquet export: \`CREATE VIEW ${OCSF_RELATION} AS SELECT * FROM read_parquet('DIR/**/*.parquet', hive_partitioning = true, union_by_name = true);\`, in Athena over Security Lake: \`CREATE VIEW ${OCSF_RELATION} AS SELECT * FROM <your security lake table>\`. Every \`<rule>.sql\` returns rule, user, src_ip, start_time, end_time (epoch ms); its \`<rule>.events.sql\` returns the rows behind those hits, every column with \`raw_data\`, to bring back.`,
    `  Dialects here: ${options.dialects.join(', ')}.`,
    '',
    '## Bringing the answer back',
    '',
    'Export the events a hunt returns in the platform\'s usual format (Splunk JSON or CSV with `_raw`, Sentinel CSV, Elastic `_source` hits, Parquet from the lake) and import the file into the case: PushTrail reads the original records inside and records the file in the custody log like any evidence.',
    `In SQL, \`<rule>.events.sql\` selects those events; in DuckDB write them with \`COPY (<the query without its final semicolon>) TO 'answer.parquet' (FORMAT parquet)\`, in Athena with \`UNLOAD (<the query>) TO 's3://…' WITH (format = 'PARQUET')\`. Each row keeps the vendor's original record in \`raw_data\`, which the import reads.`,
    '',
    fieldMappingMarkdown().replace(/^# /, '## ').replace(/\n## /g, '\n### '),
    `Log sources covered: ${sources.map((s) => s.title).join(', ')}.`,
    '',
  ].join('\n');
}

export function huntPack(config: DetectionConfig, options: HuntPackOptions): HuntFile[] {
  const rules = huntRules(config);
  const files = options.targets.flatMap((target) => filesFor(target, rules, options));
  return [{ path: 'README.md', content: readme(rules, options, HUNT_SOURCES) }, ...files];
}
