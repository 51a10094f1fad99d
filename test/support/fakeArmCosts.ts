import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FakeSchedule, FakeVm } from './fakeArm.js';

/**
 * The cost guard's Resource Manager calls, as their REST references document them:
 * - `Microsoft.DevTestLab/schedules/{name}` (Global Schedules, api-version 2018-09-15): GET (404 ResourceNotFound
 *   when absent), PUT (create or replace: 201, then 200; the resource as stored, with provisioningState,
 *   createdDate and uniqueIdentifier added), DELETE (200, or 204 when there was nothing);
 * - `{vm id}/providers/Microsoft.Insights/metrics` (api-version 2018-01-01): one or more of a VM's platform metrics,
 *   `metricnames` comma-separated, each with the aggregations asked (`aggregation=Average,Total`) in
 *   `value[].timeseries[].data[]`; a name that is not a VM metric is a 400, as Azure answers it.
 */
export function answerSchedule(
  schedules: Map<string, FakeSchedule>,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  resourceGroup: string,
  name: string,
  body: unknown,
  subscriptionId: string,
): void {
  if (url.searchParams.get('api-version') !== '2018-09-15') {
    return send(res, 400, { error: { code: 'InvalidApiVersionParameter', message: `The api-version '${url.searchParams.get('api-version')}' is invalid.` } });
  }
  const id = `/subscriptions/${subscriptionId}/resourcegroups/${resourceGroup}/providers/microsoft.devtestlab/schedules/${name}`;
  const key = `${resourceGroup}/${name}`.toLowerCase();
  const existing = schedules.get(key);
  const resource = (schedule: FakeSchedule) => ({ id, name, type: 'microsoft.devtestlab/schedules', location: schedule.location, properties: schedule.properties });
  if (req.method === 'GET') {
    if (!existing) return send(res, 404, { error: { code: 'ResourceNotFound', message: `The Resource 'Microsoft.DevTestLab/schedules/${name}' under resource group '${resourceGroup}' was not found.` } });
    return send(res, 200, resource(existing));
  }
  if (req.method === 'DELETE') {
    if (!existing) {
      res.writeHead(204);
      return void res.end();
    }
    schedules.delete(key);
    return send(res, 200, {});
  }
  if (req.method === 'PUT') {
    const properties = (body as { properties?: Record<string, unknown> } | undefined)?.properties;
    const problem = invalidSchedule(properties);
    if (problem) return send(res, 400, { error: { code: 'InvalidRequestContent', message: problem } });
    const stored: FakeSchedule = {
      resourceGroup,
      name,
      location: (body as { location?: string }).location,
      properties: { ...properties, createdDate: new Date().toISOString(), provisioningState: 'Succeeded', uniqueIdentifier: randomUUID() },
    };
    schedules.set(key, stored);
    return send(res, existing ? 200 : 201, resource(stored));
  }
  send(res, 405, { error: { code: 'MethodNotAllowed', message: 'The method is not allowed.' } });
}

function invalidSchedule(properties: Record<string, unknown> | undefined): string | undefined {
  if (!properties) return 'The request content was invalid: properties are required.';
  if (properties.taskType !== 'ComputeVmShutdownTask') return 'taskType must be ComputeVmShutdownTask for a VM schedule.';
  if (!/^\d{4}$/.test(String((properties.dailyRecurrence as { time?: unknown } | undefined)?.time))) return 'dailyRecurrence.time must be HHmm.';
  if (typeof properties.timeZoneId !== 'string') return 'timeZoneId is required.';
  if (typeof properties.targetResourceId !== 'string') return 'targetResourceId is required.';
  return undefined;
}

/** A VM's platform metrics the fake knows: their unit, and the FakeVm data that answers them. */
const VM_METRICS: Record<string, { unit: string; description: string; data: (vm: FakeVm) => number[] | undefined }> = {
  'Percentage CPU': { unit: 'Percent', description: 'The percentage of allocated compute units that are currently in use by the Virtual Machine(s)', data: (vm) => vm.cpu },
  'Network In Total': { unit: 'Bytes', description: 'The number of bytes received on all network interfaces by the Virtual Machine(s) (Incoming Traffic)', data: (vm) => vm.network?.in },
  'Network Out Total': { unit: 'Bytes', description: 'The number of bytes out on all network interfaces by the Virtual Machine(s) (Outgoing Traffic)', data: (vm) => vm.network?.out },
  'Disk Read Bytes': { unit: 'Bytes', description: 'Bytes read from disk during monitoring period', data: (vm) => vm.disk?.read },
  'Disk Write Bytes': { unit: 'Bytes', description: 'Bytes written to disk during monitoring period', data: (vm) => vm.disk?.write },
};
const AGGREGATIONS = ['Average', 'Total', 'Minimum', 'Maximum', 'Count'];

export function answerMetrics(res: ServerResponse, url: URL, vm: FakeVm | undefined, resourceId: string): void {
  if (!vm) return send(res, 404, { error: { code: 'ResourceNotFound', message: 'The Resource was not found.' } });
  const names = (url.searchParams.get('metricnames') ?? '').split(',');
  const aggregations = (url.searchParams.get('aggregation') ?? '').split(',');
  const unknown = names.filter((name) => !(name in VM_METRICS));
  if (unknown.length > 0) {
    return send(res, 400, { code: 'BadRequest', message: `Failed to find metric configuration for provider: Microsoft.Compute, resource Type: virtualMachines, metric: ${unknown.join(', ')}, Valid metrics: ${Object.keys(VM_METRICS).join(',')}` });
  }
  const problems = [
    url.searchParams.get('api-version') !== '2018-01-01' && 'api-version',
    !aggregations.every((aggregation) => AGGREGATIONS.includes(aggregation)) && 'aggregation',
    !/^[\dT:.Z-]+\/[\dT:.Z-]+$/.test(url.searchParams.get('timespan') ?? '') && 'timespan',
  ].filter(Boolean);
  if (problems.length > 0) return send(res, 400, { code: 'BadRequest', message: `Invalid ${problems.join(', ')}.` });
  const [from] = (url.searchParams.get('timespan') as string).split('/');
  const pointOf = (value: number, index: number) => {
    const point: Record<string, unknown> = { timeStamp: new Date(Date.parse(from) + index * 300_000).toISOString() };
    // A grain's value stands for its average and its total alike: the fake has one sample per grain.
    if (aggregations.includes('Average')) point.average = value;
    if (aggregations.includes('Total')) point.total = value;
    return point;
  };
  send(res, 200, {
    cost: 0,
    timespan: url.searchParams.get('timespan'),
    interval: url.searchParams.get('interval') ?? 'PT1M',
    value: names.map((name) => ({
      id: `${resourceId}/providers/Microsoft.Insights/metrics/${name}`,
      type: 'Microsoft.Insights/metrics',
      name: { value: name, localizedValue: name },
      displayDescription: VM_METRICS[name].description,
      unit: VM_METRICS[name].unit,
      timeseries: [{ metadatavalues: [], data: (VM_METRICS[name].data(vm) ?? []).map(pointOf) }],
      errorCode: 'Success',
    })),
    namespace: 'Microsoft.Compute/virtualMachines',
    resourceregion: vm.location,
  });
}

function send(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}
