import type { Logger } from '../../logging/logger.js';
import type { HourlyPrice, PriceQuery, VmPrices } from './VmPrices.js';

interface RetailPricesOptions {
  /** The Retail Prices API (`https://prices.azure.com/api/retail/prices`, or AZURE_RETAIL_PRICES_URL). */
  url: string;
  logger: Logger;
  /** How long a price is kept (a day: the list changes rarely). */
  ttlMs?: number;
  /** How long a failure is kept before the API is asked again. */
  failureTtlMs?: number;
  /** Deadline of each page request. */
  timeoutMs?: number;
  now?: () => number;
}

interface PriceItem {
  currencyCode?: string;
  retailPrice?: number;
  unitOfMeasure?: string;
  type?: string;
  productName?: string;
  skuName?: string;
  meterName?: string;
  isPrimaryMeterRegion?: boolean;
  effectiveStartDate?: string;
}

/** A filter holds only names ARM itself gives (letters, digits, underscores), so nothing can be slipped into it. */
const ARM_NAME = /^[A-Za-z0-9_]{1,80}$/;
const MAX_PAGES = 10;

/**
 * Pay-as-you-go prices from the Azure Retail Prices API (public, no authentication): the consumption meter of the
 * size in the region, Linux or Windows, without Spot and Low Priority meters. Kept a day; when the API cannot be
 * read or the answer is not one clear price, the price is left out, never guessed.
 */
export class RetailPrices implements VmPrices {
  private readonly cache = new Map<string, { price: Promise<HourlyPrice | undefined>; expiresAt: number }>();

  constructor(private readonly options: RetailPricesOptions) {}

  hourly(query: PriceQuery): Promise<HourlyPrice | undefined> {
    if (!ARM_NAME.test(query.region) || !ARM_NAME.test(query.size)) return Promise.resolve(undefined);
    const now = (this.options.now ?? Date.now)();
    const key = `${query.region.toLowerCase()}/${query.size.toLowerCase()}/${query.os}`;
    const cached = this.cache.get(key);
    if (cached && cached.expiresAt > now) return cached.price;
    const entry = { price: this.lookUp(query), expiresAt: now + (this.options.ttlMs ?? 24 * 3_600_000) };
    this.cache.set(key, entry);
    void entry.price.then((price) => {
      if (price === undefined) entry.expiresAt = now + (this.options.failureTtlMs ?? 5 * 60_000);
    });
    return entry.price;
  }

  private async lookUp(query: PriceQuery): Promise<HourlyPrice | undefined> {
    try {
      const items = await this.fetchAll(query);
      const price = choose(items, query);
      if (!price) this.options.logger.warn('no clear pay-as-you-go price in the Retail Prices API', { ...query, items: items.length });
      return price;
    } catch (error) {
      this.options.logger.warn('could not read the Azure Retail Prices API; prices are left out', { ...query, error });
      return undefined;
    }
  }

  private async fetchAll(query: PriceQuery): Promise<PriceItem[]> {
    const first = new URL(this.options.url);
    first.searchParams.set(
      '$filter',
      `serviceName eq 'Virtual Machines' and armRegionName eq '${query.region.toLowerCase()}' and armSkuName eq '${query.size}' and priceType eq 'Consumption'`,
    );
    const items: PriceItem[] = [];
    let next: string | undefined = first.href;
    for (let page = 0; next !== undefined; page++) {
      if (page === MAX_PAGES) throw new Error(`more than ${MAX_PAGES} pages of prices for one size`);
      const url: URL = new URL(next);
      // NextPageLink comes from the answer: followed only on the API's own origin.
      if (url.origin !== first.origin) throw new Error(`NextPageLink leaves the prices API: ${url.origin}`);
      const response = await fetch(url, { signal: AbortSignal.timeout(this.options.timeoutMs ?? 10_000), redirect: 'error' });
      if (!response.ok) throw new Error(`the prices API answered ${response.status}`);
      const body = (await response.json()) as { Items?: unknown; NextPageLink?: unknown };
      if (!Array.isArray(body.Items)) throw new Error('the prices API answered without Items');
      items.push(...(body.Items as PriceItem[]));
      next = typeof body.NextPageLink === 'string' && body.NextPageLink !== '' ? body.NextPageLink : undefined;
    }
    return items;
  }
}

/** The one current consumption price per hour of the OS, or undefined when there is none or several disagree. */
function choose(items: PriceItem[], query: PriceQuery): HourlyPrice | undefined {
  const candidates = items.filter(
    (item) =>
      typeof item.retailPrice === 'number' &&
      typeof item.currencyCode === 'string' &&
      (item.type ?? 'Consumption') === 'Consumption' &&
      item.unitOfMeasure === '1 Hour' &&
      !/\b(spot|low priority)\b/i.test(`${item.skuName ?? ''} ${item.meterName ?? ''}`) &&
      /\bwindows\b/i.test(item.productName ?? '') === (query.os === 'Windows'),
  );
  const primary = candidates.some((item) => item.isPrimaryMeterRegion) ? candidates.filter((item) => item.isPrimaryMeterRegion) : candidates;
  const latest = primary.reduce((max, item) => (item.effectiveStartDate ?? '') > max ? (item.effectiveStartDate ?? '') : max, '');
  const current = primary.filter((item) => (item.effectiveStartDate ?? '') === latest);
  const distinct = new Set(current.map((item) => `${item.retailPrice} ${item.currencyCode}`));
  if (distinct.size !== 1) return undefined;
  return { amount: current[0].retailPrice as number, currency: current[0].currencyCode as string };
}
