/** What loadConfig says about a set of settings, for the config tests. */
import { strict as assert } from 'node:assert';
import { ConfigError, loadConfig } from '../../config/index.js';

function configError(env: Record<string, string>): ConfigError | undefined {
  try {
    loadConfig(env);
    return undefined;
  } catch (error) {
    assert.ok(error instanceof ConfigError, `expected a ConfigError, got ${String(error)}`);
    return error;
  }
}

/** The variables loadConfig names as bad, sorted; none when the settings load. */
export function badVariables(env: Record<string, string>): string[] {
  return (configError(env)?.problems ?? []).map((problem) => problem.variable).sort();
}

/** The ConfigError's message; empty when the settings load. */
export function configErrorText(env: Record<string, string>): string {
  return configError(env)?.message ?? '';
}
