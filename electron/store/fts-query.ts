/** The analyst's search words as an FTS5 query. */

/** Words and "quoted phrases" of a search box, in order; empty ones dropped. */
export function searchTerms(text: string): string[] {
  return [...text.matchAll(/"([^"]*)"|(\S+)/g)].map((m) => (m[1] ?? m[2] ?? '').trim()).filter((t) => t !== '');
}

/**
 * Every term quoted as an FTS5 phrase and all required: FTS5 operators typed by the analyst
 * (AND, NEAR, *, -, column filters) stay literal text, so no input is a syntax error or a
 * different query than it looks. Null when there is nothing to search for.
 */
export function ftsQuery(text: string): string | null {
  // A term with no letter or digit holds no token, and FTS5 cannot match an empty phrase.
  const terms = searchTerms(text).filter((t) => /[\p{L}\p{N}]/u.test(t));
  return terms.length === 0 ? null : terms.map((t) => `"${t.replaceAll('"', '""')}"`).join(' ');
}
