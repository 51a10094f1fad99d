import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';

const read = (name: string) => readFileSync(new URL(`../../deploymentTemplates/slack/${name}`, import.meta.url), 'utf8');
/** The manifest's settings, comments and request URLs left out. */
const settings = (text: string) => text.split('\n').filter((line) => line.trim() !== '' && !line.startsWith('#') && !/^\s*(request_)?url:/.test(line) && !line.includes('socket_mode_enabled'));

describe('Slack app manifests', () => {
  const http = read('manifest.yml');
  const socket = read('manifest.socket-mode.yml');

  it('the Socket Mode variant turns Socket Mode on and names no request URL', () => {
    assert.match(socket, /^\s*socket_mode_enabled: true$/m);
    assert.doesNotMatch(settings(socket).join('\n'), /url|https?:/);
    assert.doesNotMatch(socket, /^\s*(request_)?url:/m);
    assert.match(http, /^\s*socket_mode_enabled: false$/m);
  });

  it('both ask for the same command, scopes, events and interactivity', () => {
    assert.deepEqual(settings(socket), settings(http));
  });
});
