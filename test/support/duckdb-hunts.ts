/** Runs generated SQL hunts in embedded DuckDB over a Parquet export, as a client's lake would. */
import { DuckDBInstance } from '@duckdb/node-api';
import { sqlString } from '../../electron/duckdb/sql-text.js';
import { huntName, type HuntRule } from '../../shared/hunt/hunt-rules.js';
import { OCSF_RELATION, sqlHunt } from '../../shared/hunt/sql.js';

export interface HuntHit {
  rule: string;
  user: string;
  src_ip: string | null;
  start_time: number;
  end_time: number;
}

/** Each hunt's hits, by its name (`push-burst`, `push-burst.sustained`, ...). */
export async function runSqlHunts(parquetDir: string, rules: readonly HuntRule[]): Promise<Map<string, HuntHit[]>> {
  const db = await DuckDBInstance.create(':memory:');
  const conn = await db.connect();
  try {
    await conn.run(`CREATE VIEW ${OCSF_RELATION} AS SELECT * FROM read_parquet(${sqlString(`${parquetDir}/**/*.parquet`)}, hive_partitioning = true, union_by_name = true)`);
    const hits = new Map<string, HuntHit[]>();
    for (const rule of rules) {
      const reader = await conn.runAndReadAll(sqlHunt(rule, 'duckdb'));
      const text = (v: unknown): string => (typeof v === 'string' ? v : JSON.stringify(v));
      const rows = reader.getRowObjectsJS().map((r) => ({
        rule: text(r['rule']),
        user: text(r['user']),
        src_ip: r['src_ip'] === null ? null : text(r['src_ip']),
        start_time: Number(r['start_time']),
        end_time: Number(r['end_time']),
      }));
      hits.set(huntName(rule), rows);
    }
    return hits;
  } finally {
    conn.closeSync();
    db.closeSync();
  }
}
