/** Reads typed values from an environment map and collects every problem, so one start names them all. */
export type Env = Readonly<Record<string, string | undefined>>;

export interface ConfigProblem {
  variable: string;
  expected: string;
}

/** Azure ids: subscriptions, Custom Vision projects. */
export const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const WHOLE = /^\d+$/;
const DECIMAL = /^\d+(\.\d+)?$/;

export class EnvReader {
  readonly problems: ConfigProblem[] = [];

  constructor(private readonly env: Env) {}

  /** A trimmed value, or undefined when the variable is unset or blank. */
  optional(name: string): string | undefined {
    const value = this.env[name]?.trim();
    return value ? value : undefined;
  }

  string(name: string, fallback: string): string {
    return this.optional(name) ?? fallback;
  }

  port(name: string, fallback: number): number {
    return this.inRange(name, fallback, WHOLE, 0, 65535, 'a port number');
  }

  /** An absolute http(s) URL without trailing slash. */
  url(name: string): string | undefined {
    const raw = this.optional(name);
    if (raw === undefined) return undefined;
    try {
      const url = new URL(raw);
      if (url.protocol === 'https:' || url.protocol === 'http:') return raw.replace(/\/+$/, '');
    } catch {
      // reported below
    }
    this.problem(name, `an absolute http(s) URL, got "${raw}"`);
    return undefined;
  }

  oneOf<T extends string>(name: string, allowed: readonly T[], fallback: T): T {
    const raw = this.optional(name);
    if (raw === undefined) return fallback;
    const match = allowed.find((candidate) => candidate.toLowerCase() === raw.toLowerCase());
    if (match === undefined) {
      this.problem(name, `one of ${allowed.join(', ')}, got "${raw}"`);
      return fallback;
    }
    return match;
  }

  /** A comma-separated list; blank entries dropped. */
  list(name: string): string[] {
    return (this.optional(name) ?? '')
      .split(',')
      .map((entry) => entry.trim())
      .filter((entry) => entry.length > 0);
  }

  /** A whole number from `min` to `max`. */
  integer(name: string, fallback: number, min: number, max: number): number {
    return this.inRange(name, fallback, WHOLE, min, max, 'a whole number');
  }

  /** A number from `min` to `max`, decimals allowed (`0.5`). */
  number(name: string, fallback: number, min: number, max: number): number {
    return this.inRange(name, fallback, DECIMAL, min, max, 'a number');
  }

  private inRange(name: string, fallback: number, form: RegExp, min: number, max: number, what: string): number {
    const raw = this.optional(name);
    if (raw === undefined) return fallback;
    const value = Number(raw);
    if (!form.test(raw) || value < min || value > max) {
      this.problem(name, `${what} from ${min} to ${max}, got "${raw}"`);
      return fallback;
    }
    return value;
  }

  /** Download hosts: host names (`files.example.com`), domain suffixes (`.example.com`) or origins (`https://host:port`). */
  hostList(name: string, fallback: string[]): string[] {
    const entries = this.optional(name) === undefined ? fallback : this.list(name);
    for (const entry of entries) {
      if (!isHostEntry(entry)) this.problem(name, `host names (files.example.com, .example.com) or origins (https://host:port), got "${entry}"`);
    }
    return entries.filter(isHostEntry);
  }

  /** Variables that only make sense together: all set or none. */
  together(names: readonly string[], what: string): boolean {
    const set = names.filter((name) => this.optional(name) !== undefined);
    if (set.length === 0) return false;
    for (const name of names) {
      if (!set.includes(name)) {
        this.problem(name, `to be set too, because ${set.join(' and ')} ${set.length > 1 ? 'are' : 'is'} set (${what})`);
      }
    }
    return set.length === names.length;
  }

  problem(variable: string, expected: string): void {
    this.problems.push({ variable, expected });
  }
}

function isHostEntry(entry: string): boolean {
  if (/^https?:\/\//i.test(entry)) {
    try {
      const url = new URL(entry);
      return url.origin === entry.toLowerCase().replace(/\/+$/, '');
    } catch {
      return false;
    }
  }
  return /^\.?[a-z0-9-]+(\.[a-z0-9-]+)*$/i.test(entry);
}
