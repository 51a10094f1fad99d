import { strict as assert } from 'node:assert';
import { createMemoryLogger } from '../../../logging/logger.js';
import { RetailPrices } from '../../../services/costs/RetailPrices.js';
import { windowsTimeZone } from '../../../config/windowsTimeZones.js';
import { FakeRetailPrices } from '../../support/fakeRetailPrices.js';
import { localServer } from '../../support/localServer.js';

const item = (retailPrice: number, extra: Record<string, unknown> = {}) => ({
  armSkuName: 'Standard_D4s_v5',
  armRegionName: 'westeurope',
  retailPrice,
  productName: 'Virtual Machines Dsv5 Series',
  skuName: 'D4s v5',
  meterName: 'D4s v5',
  ...extra,
});

describe('RetailPrices (Azure Retail Prices API)', () => {
  let api: FakeRetailPrices;
  let now: number;
  const prices = () => new RetailPrices({ url: api.pricesUrl, logger: createMemoryLogger(), now: () => now });
  const query = { region: 'westeurope', size: 'Standard_D4s_v5', os: 'Linux' as const };

  beforeEach(async () => {
    api = new FakeRetailPrices();
    await api.start();
    now = Date.parse('2026-01-10T12:00:00Z');
  });
  afterEach(() => api.stop());

  it('takes the current price when the list holds an older one, and keeps it a day', async () => {
    api.items = [item(0.2, { effectiveStartDate: '2023-01-01T00:00:00Z' }), item(0.23, { effectiveStartDate: '2025-06-01T00:00:00Z' })];
    const service = prices();
    assert.deepEqual(await service.hourly(query), { amount: 0.23, currency: 'USD' });
    await service.hourly(query);
    now += 23 * 3_600_000;
    await service.hourly(query);
    assert.equal(api.requests.length, 1, 'cached');
    now += 2 * 3_600_000;
    await service.hourly(query);
    assert.equal(api.requests.length, 2, 'asked again after a day');
  });

  it('leaves the price out when two current consumption prices disagree, rather than pick one', async () => {
    api.items = [item(0.2), item(0.3)];
    assert.equal(await prices().hourly(query), undefined);
  });

  it('never follows a NextPageLink to another host, and never builds a filter from a name ARM would not give', async () => {
    const other = await localServer((res) => res.end('{"Items":[]}'));
    const redirecting = await localServer((res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ Items: [item(0.2)], NextPageLink: `${other.url}/api/retail/prices` }));
    });
    try {
      const service = new RetailPrices({ url: `${redirecting.url}/api/retail/prices`, logger: createMemoryLogger() });
      assert.equal(await service.hourly(query), undefined);
      assert.deepEqual(other.requests, [], 'the other host was never asked');
      assert.equal(await prices().hourly({ ...query, size: "x' or serviceName eq 'y" }), undefined);
      assert.equal(api.requests.length, 0);
    } finally {
      await Promise.all([other.stop(), redirecting.stop()]);
    }
  });
});

describe('Windows time zone ids', () => {
  it('knows the ids Azure takes, in any capitalisation and spacing, and nothing else', () => {
    assert.equal(windowsTimeZone('utc'), 'UTC');
    assert.equal(windowsTimeZone('  pacific   standard time '), 'Pacific Standard Time');
    assert.equal(windowsTimeZone('Pacific Standard Time (Mexico)'), 'Pacific Standard Time (Mexico)');
    assert.equal(windowsTimeZone('Europe/Berlin'), undefined);
    assert.equal(windowsTimeZone('Mars Standard Time'), undefined);
  });
});
