/** labels.csv of the offline dataset: RFC 4180 quoting, and no cell a spreadsheet would run as a formula. */

export const LABELS_CSV_HEADER = ['image', 'tag', 'labelled_by', 'labeller_id', 'labelled_at'];

/** One CSV line (CRLF, as RFC 4180 has it). */
export function csvRow(fields: readonly string[]): string {
  return `${fields.map(csvCell).join(',')}\r\n`;
}

function csvCell(value: string): string {
  // A name from a chat ("=HYPERLINK(...)") must stay text when the file is opened in a spreadsheet (OWASP: CSV injection).
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}
