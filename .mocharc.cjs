// Mocha reads this file in its own process, then starts the test process (node-option) with this
// environment: the test process trusts a self-signed certificate made here for the local HTTPS fakes
// (NODE_EXTRA_CA_CERTS is only read when a Node process starts).
const { createTestCertificate } = require('./test/support/testCertificate.cjs');

const certificate = createTestCertificate();
process.env.NODE_EXTRA_CA_CERTS = certificate.certPath;
process.env.LABMATE_TEST_TLS_KEY = certificate.keyPath;
process.env.LABMATE_TEST_TLS_CERT = certificate.certPath;

// Mocha adds the files named on its command line to `spec`: name none and it runs the whole suite, name some
// (`npm test -- test/cards/help.test.ts`) and it runs only those.
const namesFiles = process.argv.slice(2).some((arg) => !arg.startsWith('-') && /(^|\/)test\/|\.test\.ts$/.test(arg));

module.exports = {
  // tsx's ESM hooks only: the test files then load as ES modules, as the built bot does. With its CommonJS hook
  // too, mocha require()s them as CommonJS, and a module the bot imports dynamically (a backend loaded only when
  // configured) would be a second copy of the modules it shares (its ServiceError no longer the bot's).
  'node-option': ['import=tsx/esm'],
  ...(namesFiles ? {} : { spec: ['test/**/*.test.ts'] }),
  timeout: 15000,
  exit: true,
};
