/**
 * Report files this session wrote, handed to the browser in web mode. `report/download` gives
 * a file a random URL path (DOWNLOAD_PATH + id) and the web server streams the file from it as
 * an attachment: the file never passes through a JSON answer, whatever its size.
 */
import { basename } from 'node:path';
import { ServedPaths } from './served-paths.js';
import { FORMAT_EXTENSION } from './export.js';

/** URL path of a report file: DOWNLOAD_PATH + its id. */
export const DOWNLOAD_PATH = '/report-file/';

const MIME: Readonly<Record<string, string>> = {
  pdf: 'application/pdf',
  html: 'text/html',
  json: 'application/json',
  csv: 'text/csv',
  ocsf: 'application/x-ndjson',
};

export interface OfferedFile {
  path: string;
  name: string;
  mime: string;
}

export class ReportDownloads {
  private readonly written = new Set<string>();
  private readonly offered = new ServedPaths<OfferedFile>(DOWNLOAD_PATH);

  /** A report this session wrote: the only files it hands out. */
  add(path: string): void {
    this.written.add(path);
  }

  /** The URL path the file is served at, or undefined when this session did not write it. */
  offer(path: string): { url: string; name: string } | undefined {
    if (!this.written.has(path)) return undefined;
    const format = Object.entries(FORMAT_EXTENSION).find(([, ext]) => path.endsWith(ext))?.[0] ?? 'json';
    const file = { path, name: basename(path), mime: MIME[format] ?? 'application/octet-stream' };
    return { url: this.offered.put(file), name: file.name };
  }

  /** The file offered at a URL path, if any. */
  get(urlPath: string): OfferedFile | undefined {
    return this.offered.get(urlPath);
  }
}
