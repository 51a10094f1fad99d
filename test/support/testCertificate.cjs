// A self-signed certificate for 127.0.0.1, made once per test run with openssl, for the local HTTPS fakes
// (Azure SDK clients refuse to send a bearer token over plain http).
const { execFileSync } = require('node:child_process');
const { mkdtempSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join } = require('node:path');

function createTestCertificate() {
  const dir = mkdtempSync(join(tmpdir(), 'labmate-tls-'));
  const keyPath = join(dir, 'key.pem');
  const certPath = join(dir, 'cert.pem');
  execFileSync(
    'openssl',
    [
      'req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-sha256', '-days', '2',
      '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1,DNS:localhost',
      '-keyout', keyPath, '-out', certPath,
    ],
    { stdio: 'ignore' },
  );
  return { keyPath, certPath };
}

module.exports = { createTestCertificate };
