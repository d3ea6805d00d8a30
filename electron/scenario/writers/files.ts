/**
 * The vendor files on disk, written incrementally: Okta as NDJSON (a SIEM export), Entra as
 * Graph list responses `{"value":[...]}`, Duo as an Admin API v2 response. Each record sits on
 * its own line inside the container so evidence references keep meaningful line numbers, and
 * nothing but a small buffer is held in memory, whatever the size of the bundle.
 */
import { closeSync, mkdirSync, openSync, writeSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { StreamId } from './format.js';

interface Container {
  /** File name without directory, for one file per stream; `day` is set when split by day. */
  name: (day?: string) => string;
  head: string;
  footer: (count: number) => string;
}

const CONTAINERS: Readonly<Record<StreamId, Container>> = {
  okta: {
    name: (day) => (day === undefined ? 'okta-system-log.ndjson' : join('okta', `system-log-${day}.ndjson`)),
    head: '',
    footer: () => '\n',
  },
  'entra-signins': {
    name: (day) => (day === undefined ? 'entra-signins.json' : join('entra', `signins-${day}.json`)),
    head: '{"@odata.context":"https://graph.microsoft.com/beta/$metadata#auditLogs/signIns","value":[\n',
    footer: () => '\n]}\n',
  },
  'entra-audit': {
    name: (day) => (day === undefined ? 'entra-directory-audits.json' : join('entra', `directory-audits-${day}.json`)),
    head: '{"@odata.context":"https://graph.microsoft.com/v1.0/$metadata#auditLogs/directoryAudits","value":[\n',
    footer: () => '\n]}\n',
  },
  duo: {
    name: (day) => (day === undefined ? 'duo-authentication-logs.json' : join('duo', `authlogs-${day}.json`)),
    head: '{"stat":"OK","response":{"authlogs":[\n',
    footer: (count) => `\n],"metadata":{"next_offset":null,"total_objects":${count}}}}\n`,
  },
};

const FLUSH_AT = 1 << 20;

class ContainerFile {
  private fd: number;
  private buffer: string[] = [];
  private size = 0;
  count = 0;

  constructor(
    readonly path: string,
    private readonly container: Container,
  ) {
    mkdirSync(dirname(path), { recursive: true });
    this.fd = openSync(path, 'w');
    this.put(container.head);
  }

  private put(text: string): void {
    this.buffer.push(text);
    this.size += text.length;
    if (this.size >= FLUSH_AT) this.flush();
  }

  private flush(): void {
    if (this.buffer.length === 0) return;
    writeSync(this.fd, this.buffer.join(''));
    this.buffer = [];
    this.size = 0;
  }

  write(text: string): void {
    // NDJSON needs a newline after every record; JSON arrays a comma between them.
    if (this.container.head === '') this.put(this.count === 0 ? text : `\n${text}`);
    else this.put(this.count === 0 ? text : `,\n${text}`);
    this.count++;
  }

  close(): void {
    this.put(this.container.footer(this.count));
    this.flush();
    closeSync(this.fd);
  }
}

/** All output files of a bundle: opened on their first record, one per stream (and day). */
export class BundleFiles {
  private open = new Map<StreamId, { file: ContainerFile; day?: string }>();
  /** Relative file name -> records, in the order the files were created. */
  readonly counts = new Map<string, number>();

  constructor(
    private readonly outDir: string,
    private readonly splitByDay: boolean,
  ) {}

  write(stream: StreamId, time: number, text: string): void {
    const day = this.splitByDay ? new Date(time).toISOString().slice(0, 10) : undefined;
    let current = this.open.get(stream);
    if (current !== undefined && current.day !== day) {
      this.closeOne(current.file);
      current = undefined;
    }
    if (current === undefined) {
      const name = CONTAINERS[stream].name(day);
      current = { file: new ContainerFile(join(this.outDir, name), CONTAINERS[stream]), day };
      this.open.set(stream, current);
      this.counts.set(name, 0);
    }
    current.file.write(text);
  }

  private closeOne(file: ContainerFile): void {
    file.close();
    const name = [...this.counts.keys()].find((n) => join(this.outDir, n) === file.path);
    if (name !== undefined) this.counts.set(name, file.count);
  }

  close(): void {
    for (const { file } of this.open.values()) this.closeOne(file);
    this.open.clear();
  }
}
