/** Pay-as-you-go prices of VM sizes: the port and its domain types. */

type OsType = 'Linux' | 'Windows';

export interface HourlyPrice {
  amount: number;
  /** ISO 4217, as the price list gives it (USD unless asked otherwise). */
  currency: string;
}

export interface PriceQuery {
  /** ARM region name, e.g. westeurope. */
  region: string;
  /** ARM size name, e.g. Standard_NC6s_v3. */
  size: string;
  os: OsType;
}

export interface VmPrices {
  /** The consumption (pay-as-you-go) price per hour, or undefined when it cannot be known: never a guess. */
  hourly(query: PriceQuery): Promise<HourlyPrice | undefined>;
}

/** What a VM has cost since `startedAt` at `price`, rounded to cents. */
export function costSince(price: HourlyPrice, startedAt: number, now: number): number {
  const hours = Math.max(0, now - startedAt) / 3_600_000;
  return Math.round(price.amount * hours * 100) / 100;
}
