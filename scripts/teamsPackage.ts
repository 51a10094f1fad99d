/**
 * Builds the Teams app package: dist/teams/labmate.zip with manifest.json, color.png and outline.png at its root.
 *
 *   npm run teams:package -- --bot-id <MicrosoftAppId> --domain <web app host name>
 *
 * The bot id comes from --bot-id or the MicrosoftAppId environment variable (the deployment's botId output),
 * the domain from --domain or BOT_DOMAIN (the deployment's botDomain output). Options: --app-id (Teams app
 * id, default: the bot id), --app-version (default: package.json's version), --developer-url, --out.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import yazl from 'yazl';
import { readPngHeader } from './png.js';
import { buildManifest, TEAMS_DIR, validateManifest, type ManifestValues, type TeamsManifest } from './teamsManifest.js';

const ROOT = join(import.meta.dirname, '..');
export const DEFAULT_OUT = join(ROOT, 'dist', 'teams', 'labmate.zip');

/** The sizes Teams requires for the two icons. */
export const ICON_SIZES = { color: 192, outline: 32 } as const;

/** A fixed time stamp, so the same inputs give the same zip bytes. */
const ZIP_TIME = new Date(Date.UTC(2024, 0, 1));

export interface PackageOptions extends ManifestValues {
  out?: string;
}

export interface PackageResult {
  path: string;
  manifest: TeamsManifest;
}

function readIcon(kind: keyof typeof ICON_SIZES): Buffer {
  const png = readFileSync(join(TEAMS_DIR, `${kind}.png`));
  const { width, height } = readPngHeader(png);
  const size = ICON_SIZES[kind];
  if (width !== size || height !== size) throw new Error(`${kind}.png must be ${size}x${size}, it is ${width}x${height}`);
  return png;
}

function zip(entries: Record<string, Buffer>): Promise<Buffer> {
  const archive = new yazl.ZipFile();
  for (const [name, content] of Object.entries(entries)) archive.addBuffer(content, name, { mtime: ZIP_TIME });
  archive.end();
  return new Promise((resolvePromise, reject) => {
    const chunks: Buffer[] = [];
    archive.outputStream.on('data', (chunk: Buffer) => chunks.push(chunk));
    archive.outputStream.on('error', reject);
    archive.outputStream.on('end', () => resolvePromise(Buffer.concat(chunks)));
  });
}

export async function buildTeamsPackage(options: PackageOptions): Promise<PackageResult> {
  const manifest = buildManifest(options);
  const problems = validateManifest(manifest);
  if (problems.length > 0) {
    throw new Error(`the Teams manifest does not match its schema:\n${problems.map((p) => `  ${p.path}: ${p.message}`).join('\n')}`);
  }
  const content = await zip({
    'manifest.json': Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`),
    [manifest.icons.color]: readIcon('color'),
    [manifest.icons.outline]: readIcon('outline'),
  });
  const path = resolve(options.out ?? DEFAULT_OUT);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, content);
  return { path, manifest };
}

function packageVersion(): string {
  return (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      'bot-id': { type: 'string' },
      domain: { type: 'string' },
      'app-id': { type: 'string' },
      'app-version': { type: 'string' },
      'developer-url': { type: 'string' },
      out: { type: 'string' },
    },
  });
  const botId = values['bot-id'] ?? process.env.MicrosoftAppId;
  const botDomain = values.domain ?? process.env.BOT_DOMAIN;
  if (!botId || !botDomain) {
    throw new Error('usage: npm run teams:package -- --bot-id <MicrosoftAppId> --domain <host name> (or set MicrosoftAppId and BOT_DOMAIN)');
  }
  const result = await buildTeamsPackage({
    botId,
    botDomain,
    teamsAppId: values['app-id'],
    appVersion: values['app-version'] ?? packageVersion(),
    developerUrl: values['developer-url'],
    out: values.out,
  });
  console.log(`wrote ${result.path} (Teams app ${result.manifest.id}, version ${result.manifest.version}, bot ${botId})`);
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  });
}
