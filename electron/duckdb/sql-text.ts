/** DuckDB takes file paths inside SQL text: a quote in one is doubled, as SQL string literals do. */
export function sqlString(text: string): string {
  return `'${text.replace(/'/g, "''")}'`;
}
