import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface PriceItem {
  armSkuName: string;
  armRegionName: string;
  retailPrice: number;
  productName: string;
  skuName: string;
  meterName: string;
  type?: string;
  currencyCode?: string;
  unitOfMeasure?: string;
  isPrimaryMeterRegion?: boolean;
  effectiveStartDate?: string;
}

/**
 * The Azure Retail Prices API (`GET /api/retail/prices?$filter=...`) as its overview documents it: the items the
 * filter selects (serviceName, armRegionName, armSkuName, priceType), `pageSize` per page, `NextPageLink` to the next
 * page with `$skip`, an envelope with BillingCurrency, CustomerEntityId, CustomerEntityType, Items, Count.
 */
export class FakeRetailPrices {
  readonly requests: string[] = [];
  items: PriceItem[] = [];
  pageSize = 100;
  /** Answer every request with this status instead (an outage). */
  failWith?: number;
  private readonly server: Server;

  constructor() {
    this.server = createServer((req, res) => {
      const url = new URL(req.url ?? '/', this.url);
      this.requests.push(url.pathname + url.search);
      if (this.failWith) {
        res.writeHead(this.failWith, { 'content-type': 'application/json' });
        return void res.end(JSON.stringify({ Message: 'An error has occurred.' }));
      }
      if (url.pathname !== '/api/retail/prices') {
        res.writeHead(404);
        return void res.end();
      }
      const selected = this.items.filter((item) => matches(url.searchParams.get('$filter') ?? '', item));
      const skip = Number(url.searchParams.get('$skip') ?? '0');
      const page = selected.slice(skip, skip + this.pageSize);
      const next = skip + this.pageSize < selected.length ? new URL(url) : undefined;
      next?.searchParams.set('$skip', String(skip + this.pageSize));
      const body = {
        BillingCurrency: 'USD',
        CustomerEntityId: 'Default',
        CustomerEntityType: 'Retail',
        Items: page.map((item) => ({ currencyCode: 'USD', unitOfMeasure: '1 Hour', type: 'Consumption', serviceName: 'Virtual Machines', isPrimaryMeterRegion: true, effectiveStartDate: '2024-01-01T00:00:00Z', ...item })),
        NextPageLink: next?.href ?? null,
        Count: page.length,
      };
      res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' });
      res.end(JSON.stringify(body));
    });
  }

  async start(): Promise<void> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  /** For AZURE_RETAIL_PRICES_URL. */
  get pricesUrl(): string {
    return `${this.url}/api/retail/prices`;
  }
}

/** The conditions of the documented filter form: `field eq 'value'` joined with `and`. */
function matches(filter: string, item: PriceItem): boolean {
  const fields: Record<string, string> = {
    serviceName: 'Virtual Machines',
    armRegionName: item.armRegionName,
    armSkuName: item.armSkuName,
    priceType: item.type ?? 'Consumption',
  };
  return filter
    .split(' and ')
    .map((condition) => /^(\w+) eq '([^']*)'$/.exec(condition.trim()))
    .every((match) => match !== null && fields[match[1]] === match[2]);
}
