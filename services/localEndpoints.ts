/**
 * Azure SDK clients refuse plain http. A plain-http endpoint on this machine is a local emulator or test
 * server, never Azure, so that one case is allowed; http anywhere else stays refused by the SDK.
 */
export function isLoopbackHttp(endpoint: string): boolean {
  const url = new URL(endpoint);
  return url.protocol === 'http:' && ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname);
}

/** Fails the start on a plain-http `setting` off this machine: ms-rest-js (the Custom Vision SDKs) sends http as given. */
export function requireHttpsUnlessLoopback(endpoint: string, setting: string): void {
  if (new URL(endpoint).protocol === 'http:' && !isLoopbackHttp(endpoint)) {
    throw new Error(`${setting} must be https (plain http is allowed only on this machine)`);
  }
}
