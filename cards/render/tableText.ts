/** A table as lines, for the formats that have no tables: the column names, then one line per row. */
import { data, type Line, type Table } from '../Card.js';

/** Between cells on one line: a middle dot reads as a separator in every client and is no markup anywhere. */
export const CELL_SEPARATOR = ' · ';

/** The lines as one, a cell separator between them; each keeps its spans' styles. */
function joinLines(lines: Line[]): Line {
  return { spans: lines.flatMap((value, index) => (index === 0 ? value.spans : [data(CELL_SEPARATOR), ...value.spans])) };
}

/** A row as its first cell (shown bold, it names the row) and the rest on the same line. */
export function rowParts(row: Line[]): { first: Line; rest: Line | undefined } {
  const [first = { spans: [] }, ...rest] = row;
  return { first, rest: rest.length > 0 ? joinLines(rest) : undefined };
}

export function headerLine(table: Table): Line {
  return joinLines(table.columns);
}
