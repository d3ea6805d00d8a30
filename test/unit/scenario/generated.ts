/**
 * Test-only: read a generated bundle back (the vendor containers are known, so this is a plain
 * parse, not the importer) and read the corpus records the generator imitates.
 */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import type { BundleResult } from '../../../electron/scenario/bundle.js';
import { corpusPath } from '../../support/corpus.js';

export type Obj = Record<string, unknown>;

export interface ReadBundle {
  okta: Obj[];
  entraSignIns: Obj[];
  entraAudits: Obj[];
  duo: Obj[];
  /** Raw text of every evidence file, by base name. */
  texts: Map<string, string>;
}

export function isObj(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Value at a dotted path, or undefined. */
export function at(v: unknown, path: string): unknown {
  let cur: unknown = v;
  for (const part of path.split('.')) {
    if (!isObj(cur)) return undefined;
    cur = cur[part];
  }
  return cur;
}

function ndjson(text: string): Obj[] {
  return text
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as Obj);
}

function list(value: unknown, path: string): Obj[] {
  const v = at(value, path);
  if (!Array.isArray(v)) throw new Error(`expected an array at ${path}`);
  return v as Obj[];
}

export function readBundle(result: BundleResult): ReadBundle {
  const out: ReadBundle = { okta: [], entraSignIns: [], entraAudits: [], duo: [], texts: new Map() };
  for (const file of result.files) {
    const text = readFileSync(file, 'utf8');
    const name = basename(file);
    out.texts.set(name, text);
    if (name.endsWith('.ndjson')) out.okta.push(...ndjson(text));
    else if (name.includes('signins')) out.entraSignIns.push(...list(JSON.parse(text), 'value'));
    else if (name.includes('audits')) out.entraAudits.push(...list(JSON.parse(text), 'value'));
    else if (name.includes('authlogs') || name.startsWith('duo')) out.duo.push(...list(JSON.parse(text), 'response.authlogs'));
  }
  return out;
}

/** Records of a corpus file: NDJSON lines, skipping lines that are not JSON objects. */
export function corpusRecords(...parts: string[]): Obj[] {
  const text = readFileSync(corpusPath(...parts), 'utf8');
  const out: Obj[] = [];
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue;
    try {
      const v = JSON.parse(line) as unknown;
      if (isObj(v)) out.push(v);
    } catch {
      // Pipeline edge-case lines in the corpus are not all JSON; they are not references.
    }
  }
  return out;
}

/** Top-level keys, lower-cased (Panther's test events lower-case some keys), without Panther's p_* fields. */
export function keySet(v: Obj): Set<string> {
  return new Set(Object.keys(v).map((k) => k.toLowerCase()).filter((k) => !k.startsWith('p_')));
}

export const sorted = (s: Iterable<string>): string[] => [...s].sort();
