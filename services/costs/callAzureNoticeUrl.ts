/**
 * A GET of an Azure notice URL (delay, skip), as the links in Azure's own notification e-mail are followed; true when
 * Azure took it. Only URLs stored from a received notification come here; redirects are not followed anywhere.
 */
export async function callAzureNoticeUrl(url: string, timeoutMs = 10_000): Promise<boolean> {
  if (!url.startsWith('https://')) return false;
  const response = await fetch(url, { method: 'GET', redirect: 'manual', signal: AbortSignal.timeout(timeoutMs) });
  await response.body?.cancel();
  return response.status >= 200 && response.status < 400;
}
