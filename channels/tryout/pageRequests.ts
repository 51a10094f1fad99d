import type { IncomingMessage } from 'node:http';
import { isLoopbackHost } from '../../config/tryout.js';

/**
 * Why a request to the page is refused, if it is: the page has no login, so only the page itself may drive it. A
 * browser names the page that sends a request (Origin): another site's is refused. When labmate listens on
 * loopback, the Host must name this machine too, so a site whose name resolves to 127.0.0.1 (DNS rebinding) is
 * refused as well.
 */
export function pageRequestProblem(request: IncomingMessage, loopbackOnly: boolean): string | undefined {
  const host = request.headers.host;
  const hostname = host ? URL.parse(`http://${host}`)?.hostname : undefined;
  if (!hostname) return 'the request names no valid host';
  if (loopbackOnly && !isLoopbackHost(hostname)) return "the try-out page answers only on this machine's own address";
  const origin = request.headers.origin;
  if (origin !== undefined && origin !== `http://${host}` && origin !== `https://${host}`) return 'requests from another site are refused';
  return undefined;
}
