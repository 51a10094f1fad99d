/**
 * The Teams app manifest: fill the template's placeholders, take the bot's command list from the command table
 * (the rows marked `menu`), and validate the result against the manifest schema kept in the repository.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import AjvDraft04 from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import type { AnyCommand } from '../dialogs/Command.js';
import { COMMANDS } from '../dialogs/index.js';

export const TEAMS_DIR = join(import.meta.dirname, '..', 'deploymentTemplates', 'teams');
export const MANIFEST_TEMPLATE_PATH = join(TEAMS_DIR, 'manifest.json');
export const MANIFEST_SCHEMA_PATH = join(TEAMS_DIR, 'schema', 'MicrosoftTeams.schema.json');

/** The schema allows at most this many commands in one command list. */
export const MAX_COMMANDS_PER_LIST = 10;

export interface ManifestValues {
  /** The bot's Microsoft App ID (for labmate on Azure: the managed identity's client id). */
  botId: string;
  /** Host name of the bot's web app, e.g. labmate.azurewebsites.net. */
  botDomain: string;
  /** The Teams app's id; the bot id unless given. */
  teamsAppId?: string;
  /** The app's version; Teams wants a higher one for every update of an uploaded app. */
  appVersion: string;
  /** https URL used for the developer's website, privacy and terms links; https://<botDomain>/ unless given. */
  developerUrl?: string;
}

export interface ManifestCommand {
  title: string;
  description: string;
}

interface BotEntry {
  botId: string;
  commandLists?: { scopes: string[]; commands: ManifestCommand[] }[];
}

export interface TeamsManifest {
  id: string;
  version: string;
  bots: BotEntry[];
  validDomains?: string[];
  icons: { color: string; outline: string };
  [key: string]: unknown;
}

const GUID = /^[0-9a-fA-F]{8}-([0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}$/;
const HOST = /^(?=.{1,253}$)([a-zA-Z0-9]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)(\.[a-zA-Z0-9]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)+$/;

/** Accepts a bare host name or an https URL and returns the host name. */
export function normalizeDomain(domain: string): string {
  const host = domain.trim().replace(/^https?:\/\//i, '').replace(/\/.*$/, '');
  if (!HOST.test(host)) throw new Error(`the bot's domain must be a host name like labmate.azurewebsites.net, got "${domain}"`);
  return host.toLowerCase();
}

/** The commands whose row says `menu: true`, as the Teams command list shows them. */
export function commandsForManifest(commands: readonly AnyCommand[] = COMMANDS): ManifestCommand[] {
  const listed = commands.filter((command) => command.menu);
  if (listed.length > MAX_COMMANDS_PER_LIST) {
    throw new Error(`a Teams command list holds at most ${MAX_COMMANDS_PER_LIST} commands; the command table lists ${listed.length} with menu: true`);
  }
  // Descriptions mark command words with backticks for the chat; the manifest shows plain text.
  return listed.map((command) => ({ title: command.name, description: command.description.replaceAll('`', '') }));
}

/** The template with its placeholders filled and every command list set to the router's commands. */
export function buildManifest(values: ManifestValues, templateText = readFileSync(MANIFEST_TEMPLATE_PATH, 'utf8')): TeamsManifest {
  if (!GUID.test(values.botId)) throw new Error(`the bot id must be a GUID (MicrosoftAppId), got "${values.botId}"`);
  const teamsAppId = values.teamsAppId ?? values.botId;
  if (!GUID.test(teamsAppId)) throw new Error(`the Teams app id must be a GUID, got "${teamsAppId}"`);
  const botDomain = normalizeDomain(values.botDomain);
  const replacements: Record<string, string> = {
    BOT_ID: values.botId,
    TEAMS_APP_ID: teamsAppId,
    BOT_DOMAIN: botDomain,
    APP_VERSION: values.appVersion,
    DEVELOPER_URL: values.developerUrl ?? `https://${botDomain}/`,
  };
  const filled = templateText.replace(/\{\{([A-Z_]+)\}\}/g, (placeholder, name: string) => {
    const value = replacements[name];
    if (value === undefined) throw new Error(`unknown placeholder ${placeholder} in the manifest template`);
    return JSON.stringify(value).slice(1, -1);
  });
  const manifest = JSON.parse(filled) as TeamsManifest;
  const commands = commandsForManifest();
  for (const bot of manifest.bots) {
    for (const list of bot.commandLists ?? []) list.commands = commands;
  }
  return manifest;
}

export interface SchemaProblem {
  path: string;
  message: string;
}

let validator: ((data: unknown) => SchemaProblem[]) | undefined;

/** Problems of a manifest against the Teams manifest schema (draft-04); empty when it is valid. */
export function validateManifest(manifest: unknown): SchemaProblem[] {
  if (validator === undefined) {
    const schema = JSON.parse(readFileSync(MANIFEST_SCHEMA_PATH, 'utf8')) as Record<string, unknown>;
    const ajv = new AjvDraft04.default({ allErrors: true, strict: false });
    addFormats.default(ajv);
    const validate = ajv.compile(schema);
    validator = (data) =>
      validate(data) ? [] : (validate.errors ?? []).map((error) => ({ path: error.instancePath || '/', message: error.message ?? error.keyword }));
  }
  return validator(manifest);
}
