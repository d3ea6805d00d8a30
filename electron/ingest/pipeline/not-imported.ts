/** Reporting an input that is not imported, and an error's words for that report. */
import type { NotImported } from './thread-messages.js';
import type { WriterLink } from './writer-link.js';

export function message(err: unknown): string {
  const e = err as NodeJS.ErrnoException;
  if (e.code === 'ENOENT') return 'the file disappeared before it could be read';
  if (e.code === 'EACCES' || e.code === 'EPERM') return 'permission denied';
  if (e.code === 'EISDIR') return 'is a folder';
  return e.message ?? String(err);
}

export function skip(settings: { link: WriterLink }, file: NotImported): void {
  settings.link.send({ t: 'skip', file });
}
