/**
 * Errors cross every boundary (IPC, HTTP, worker) as plain data with a closed set of kinds,
 * so the renderer can react to the kind and never has to parse a message.
 */
export const ERROR_KINDS = [
  /** The caller sent something malformed: wrong argument shape, bad path, unknown option. */
  'bad_input',
  /** The thing asked for does not exist: no such case file, event or method target. */
  'not_found',
  /** The method name is not part of the contract. */
  'unknown_method',
  /** The case file is not a PushTrail case, or is damaged. */
  'corrupt_case',
  /** The case was written by a newer PushTrail or its migrations diverge from ours. */
  'case_version',
  /** An import has the case to itself (bulk mode in another process, or the app's first import) and it cannot be read now. */
  'case_busy',
  /** No case is open but the call needs one. */
  'no_case',
  /** A long job was cancelled by the user. */
  'cancelled',
  /** Anything else: a bug. The detail carries what is known. */
  'internal',
] as const;
export type ErrorKind = (typeof ERROR_KINDS)[number];

export interface ApiError {
  kind: ErrorKind;
  message: string;
  detail?: Record<string, unknown>;
}

/** Thrown inside the backend; converted to `ApiError` data at the transport edge. */
export class PushTrailError extends Error {
  readonly kind: ErrorKind;
  readonly detail: Record<string, unknown> | undefined;
  constructor(kind: ErrorKind, message: string, detail?: Record<string, unknown>) {
    super(message);
    this.name = 'PushTrailError';
    this.kind = kind;
    this.detail = detail;
  }
}

export function isErrorKind(value: unknown): value is ErrorKind {
  return typeof value === 'string' && (ERROR_KINDS as readonly string[]).includes(value);
}

/**
 * Operating-system errors an operator causes (a name too long, a file that exists, a read-only
 * folder, a full disk) are expected conditions, not bugs: they get a kind and a message in
 * words, with the path, instead of "internal" and the system's code.
 */
const SYSTEM_ERRORS: Readonly<Record<string, readonly [ErrorKind, string]>> = {
  ENOENT: ['not_found', 'no such file or folder'],
  ENOTDIR: ['bad_input', 'a part of the path is not a folder'],
  EISDIR: ['bad_input', 'is a folder, not a file'],
  ENAMETOOLONG: ['bad_input', 'the name is too long for the file system'],
  EEXIST: ['bad_input', 'already exists'],
  EACCES: ['bad_input', 'permission denied'],
  EPERM: ['bad_input', 'operation not permitted'],
  EROFS: ['bad_input', 'the file system is read-only'],
  ENOSPC: ['bad_input', 'no space left on the disk'],
  EMFILE: ['bad_input', 'too many files open'],
  ELOOP: ['bad_input', 'too many symbolic links in the path'],
};

function systemError(err: Error): ApiError | undefined {
  const { code, path, dest } = err as { code?: unknown; path?: unknown; dest?: unknown };
  if (typeof code !== 'string') return undefined;
  const known = SYSTEM_ERRORS[code];
  if (known === undefined) return undefined;
  const where = [path, dest].filter((p): p is string => typeof p === 'string');
  return { kind: known[0], message: where.length === 0 ? `${known[1]} (${err.message})` : `${where.join(' → ')}: ${known[1]}`, detail: { code, ...(where.length === 0 ? {} : { path: where[0] }) } };
}

/** Turn anything thrown into transportable data. */
export function toApiError(err: unknown): ApiError {
  if (err instanceof PushTrailError) {
    return err.detail === undefined
      ? { kind: err.kind, message: err.message }
      : { kind: err.kind, message: err.message, detail: err.detail };
  }
  if (err instanceof Error) return systemError(err) ?? { kind: 'internal', message: err.message, detail: { name: err.name } };
  return { kind: 'internal', message: String(err) };
}

/** The result envelope every transport carries. */
export type ApiResult<T> = { ok: true; value: T } | { ok: false; error: ApiError };
