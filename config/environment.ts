import { existsSync, readFileSync } from 'node:fs';
import { parse } from 'dotenv';
import type { Env } from './envReader.js';

/**
 * The process environment over the values of a `.env` file, when one exists.
 * Real environment variables win, as with dotenv's default; process.env itself is left untouched.
 */
export function readEnvironment(envFile = '.env'): Env {
  const fromFile = existsSync(envFile) ? parse(readFileSync(envFile)) : {};
  return { ...fromFile, ...process.env };
}
