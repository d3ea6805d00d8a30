/**
 * A complete generated evidence bundle: vendor log files in time order plus labels.json.
 *
 * Generation streams: ordinary activity is produced one calendar day at a time for everybody,
 * merged with the scenario events of that day, expanded into vendor records and written as soon
 * as no later day can still produce an earlier record. Memory therefore holds about one day of
 * records, so millions of events can be written for the benchmark.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { personDay, type Away } from './activity.js';
import { ATTACK_KINDS, planAttacks, type AttackKind } from './attacks.js';
import { Familiarity } from './familiarity.js';
import type { Scenario } from './kit.js';
import { iso, type Label, type LabelFile } from './labels.js';
import { planLookalikes } from './lookalikes.js';
import type { Organisation, ScenarioVendor, SimEvent } from './model.js';
import type { IpStyle } from './places.js';
import { buildOrganisation } from './population.js';
import { Rng } from './random.js';
import { DAY_MS } from './timezone.js';
import { duoWriter } from './writers/duo.js';
import { entraWriter } from './writers/entra.js';
import { BundleFiles } from './writers/files.js';
import type { OutRecord, VendorWriter, WriterContext } from './writers/format.js';
import { oktaWriter } from './writers/okta.js';

export interface BundleOptions {
  /** Same seed and options: byte-identical files. */
  seed: string | number;
  /** People in the organisation. */
  users: number;
  /** Days of activity, starting at `start`. */
  days: number;
  /** First day, `YYYY-MM-DD` (UTC). */
  start: string;
  /** Attack scenarios to plant: every kind (default), none, or a list. */
  attacks?: 'all' | 'none' | readonly AttackKind[];
  /** Plant the benign look-alikes (default true). */
  lookalikes?: boolean;
  /** Put hostile strings (markup, formulas) in some display names and user agents. */
  hostile?: boolean;
  outDir: string;
  /** One file per vendor stream and UTC day instead of one per stream. */
  splitByDay?: boolean;
  /** Okta org type: Identity Engine (default) or Classic (deny_push events). */
  oktaEngine?: 'identity-engine' | 'classic';
  /** How Duo names users: by e-mail (default) or by bare directory name (Organisation.duo.names). */
  duoNames?: 'email' | 'bare';
  /** 'documentation' swaps every address for RFC 5737 test ranges. */
  ipStyle?: IpStyle;
}

export interface BundleResult {
  /** Evidence files (absolute paths), in creation order. */
  files: string[];
  labelsFile: string;
  labels: Label[];
  /** Records per evidence file (relative name). */
  records: Record<string, number>;
  totalRecords: number;
}

const WRITERS: Readonly<Record<ScenarioVendor, VendorWriter>> = { okta: oktaWriter, entra: entraWriter, duo: duoWriter };

/** No person's local day starts more than 14 hours before its UTC date (UTC+14 is the extreme). */
const EARLIEST_LOCAL_LEAD_MS = 14 * 3_600_000;

export interface ScenarioInput {
  org: Organisation;
  seed: string;
  startUtc: number;
  days: number;
  scenarios: readonly Scenario[];
  outDir: string;
  splitByDay?: boolean;
  narrative?: string;
}

function parseStart(start: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(start);
  if (!m) throw new Error(`scenario: start must be YYYY-MM-DD, got "${start}"`);
  return Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
}

const byTimeThenKey = (a: SimEvent, b: SimEvent): number => a.time - b.time || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);

/** Write the organisation's ordinary activity plus the scenarios, then labels.json. */
export function writeScenario(input: ScenarioInput): BundleResult {
  const { org, seed, startUtc, days, scenarios, outDir } = input;
  mkdirSync(outDir, { recursive: true });
  const files = new BundleFiles(outDir, input.splitByDay === true);
  const wctx: WriterContext = { org, seed };
  const familiarity = new Familiarity();

  // Person-days a scenario takes over (trips, travel days).
  const overrides = new Map<string, Away | null>();
  for (const s of scenarios) for (const d of s.days ?? []) overrides.set(`${d.person.key}/${d.day}`, d.away);

  // Scenario events, bucketed by the day they start in (days before 0 / after the end are clamped).
  const buckets = new Map<number, SimEvent[]>();
  for (const s of scenarios) {
    for (const e of s.events) {
      const b = Math.min(days, Math.max(-1, Math.floor((e.time - startUtc) / DAY_MS)));
      const list = buckets.get(b) ?? [];
      list.push(e);
      buckets.set(b, list);
    }
  }

  let pending: SimEvent[] = [];
  let records: OutRecord[] = [];
  const root = new Rng(seed);

  // Exact time span of each scenario's records, to correct the labels once everything is written.
  const spans = new Map<string, [number, number]>();
  const expand = (until: number): void => {
    const ready = pending.filter((e) => e.time < until).sort(byTimeThenKey);
    pending = pending.filter((e) => e.time >= until);
    for (const e of ready) {
      if (e.kind === 'signin' && e.vendor === 'okta') familiarity.observe(e);
      for (const r of WRITERS[e.vendor](e, wctx)) {
        records.push(r);
        if (e.scenario !== '') {
          const span = spans.get(e.scenario);
          if (span === undefined) spans.set(e.scenario, [r.time, r.time]);
          else {
            span[0] = Math.min(span[0], r.time);
            span[1] = Math.max(span[1], r.time);
          }
        }
      }
    }
    records.sort((a, b) => a.time - b.time);
    let n = 0;
    while (n < records.length && (records[n]).time < until) {
      const r = records[n];
      files.write(r.stream, r.time, r.text);
      n++;
    }
    records = records.slice(n);
  };

  for (let b = -1; b <= days; b++) {
    if (b >= 0 && b < days) {
      const dayUtc = startUtc + b * DAY_MS;
      for (const person of org.people) {
        const override = overrides.get(`${person.key}/${b}`);
        if (override === null) continue;
        const rng = root.derive('activity', person.key, b);
        for (const e of personDay({ org, person, day: b, dayUtc, rng, away: override })) pending.push(e);
      }
    }
    for (const e of buckets.get(b) ?? []) pending.push(e);
    expand(b === days ? Number.POSITIVE_INFINITY : startUtc + (b + 1) * DAY_MS - EARLIEST_LOCAL_LEAD_MS);
  }
  files.close();

  const labels = scenarios.map((s) => {
    const span = s.keepSpan === true ? undefined : spans.get(s.label.id);
    return span === undefined ? s.label : { ...s.label, start: iso(span[0]), end: iso(span[1]) };
  });
  const counts = Object.fromEntries(files.counts);
  const labelsFile = join(outDir, 'labels.json');
  const file: LabelFile = {
    format: 'pushtrail-scenario-labels',
    version: 1,
    seed,
    start: new Date(startUtc).toISOString().slice(0, 10),
    days,
    users: org.people.length,
    files: [...files.counts.keys()].map((n) => n.split('\\').join('/')),
    records: counts,
    labels,
  };
  if (input.narrative !== undefined) file.narrative = input.narrative;
  writeFileSync(labelsFile, `${JSON.stringify(file, null, 2)}\n`);
  return {
    files: [...files.counts.keys()].map((n) => join(outDir, n)),
    labelsFile,
    labels,
    records: counts,
    totalRecords: Object.values(counts).reduce((a, b) => a + b, 0),
  };
}

/** Generate an organisation, its activity, the requested attacks and look-alikes, and write them. */
export function generateBundle(options: BundleOptions): BundleResult {
  const seed = String(options.seed);
  if (!Number.isInteger(options.users) || options.users < 1) throw new Error('scenario: users must be a positive integer');
  if (!Number.isInteger(options.days) || options.days < 1) throw new Error('scenario: days must be a positive integer');
  const startUtc = parseStart(options.start);
  const org = buildOrganisation({ seed, users: options.users, hostile: options.hostile, ipStyle: options.ipStyle, oktaEngine: options.oktaEngine, duoNames: options.duoNames });
  const root = new Rng(seed);
  const used = new Set<string>();
  const kinds = options.attacks === undefined || options.attacks === 'all' ? ATTACK_KINDS : options.attacks === 'none' ? [] : options.attacks;
  const scenarios: Scenario[] = planAttacks({ org, rng: root.derive('attacks'), startUtc, days: options.days, kinds, used });
  if (options.lookalikes !== false) scenarios.push(...planLookalikes({ org, rng: root.derive('lookalikes'), startUtc, days: options.days, used }));
  return writeScenario({ org, seed, startUtc, days: options.days, scenarios, outDir: options.outDir, splitByDay: options.splitByDay });
}
