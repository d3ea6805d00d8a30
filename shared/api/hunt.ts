/** The Hunt screen's calls: a hunt pack for the chosen targets, previewed, then saved beside the case. */
import type { HuntFile, HuntTarget } from '../hunt/pack.js';
import type { SqlDialect } from '../hunt/sql.js';

export interface HuntRequest {
  targets: HuntTarget[];
  dialects: SqlDialect[];
}

export interface HuntPreview {
  files: HuntFile[];
}

export interface SavedHuntPack {
  /** The folder the pack was written to. */
  out: string;
  files: { path: string; bytes: number; sha256: string }[];
}
