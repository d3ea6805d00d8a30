/** Numbers and counted nouns in prose, the same in the app, the findings and the report. */

/** Locale-free thousands separators: 4244 -> "4,244". */
export function num(n: number): string {
  const sign = n < 0 ? '-' : '';
  const [whole = '0', frac] = String(Math.abs(n)).split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${sign}${grouped}${frac === undefined ? '' : `.${frac}`}`;
}

/** "1 file", "4,244 events". */
export function count(n: number, one: string, many = `${one}s`): string {
  return `${num(n)} ${n === 1 ? one : many}`;
}

/** What an import summary says of events kept apart although they shared a vendor id (ImportFileReport.vendorIdClashes). */
export function sharedIdText(n: number): string {
  return `${count(n, 'event')} kept apart by content: ${n === 1 ? 'its' : 'their'} vendor id was already used by an event of another time or event name`;
}
