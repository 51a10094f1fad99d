/**
 * Azure SDK clients refuse plain http. A plain-http endpoint on this machine is a local emulator or test
 * server, never Azure, so that one case is allowed; http anywhere else stays refused by the SDK.
 */
export function isLoopbackHttp(endpoint: string): boolean {
  const url = new URL(endpoint);
  return url.protocol === 'http:' && ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname);
}
