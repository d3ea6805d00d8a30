/** File paths as the analyst reads them, from either platform's separators. */

/** Last part of a path, for narrow columns and lists (where the full path is shown elsewhere). */
export function baseName(path: string): string {
  const parts = path.split(/[\\/]/);
  return parts[parts.length - 1] ?? path;
}
