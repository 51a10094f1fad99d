import { errorCode } from './errorCode.js';
import type { Telemetry } from './Telemetry.js';

/**
 * A port whose methods that return a promise each get a client span named `<service>.<method>`, counted and timed by
 * service and result: the one place where outside calls are traced (Azure Language, Translator, Custom Vision,
 * Resource Manager, the analyzer worker, Apertium...), decorated once where app.ts builds the services. Arguments
 * never become attributes; synchronous methods pass through untouched.
 */
export function traced<T extends object>(service: string, port: T, telemetry: Telemetry): T {
  if (!telemetry.enabled) return port;
  return new Proxy(port, {
    get(target, property) {
      // The port itself as `this`: its private fields do not exist on the proxy.
      const value: unknown = Reflect.get(target, property);
      if (typeof value !== 'function' || typeof property !== 'string' || property === 'constructor') return value;
      return function (this: unknown, ...args: unknown[]): unknown {
        const attributes = { 'labmate.service': service, 'labmate.operation': property };
        const startTime = Date.now();
        const started = performance.now();
        let returned: unknown;
        try {
          returned = (value as (...a: unknown[]) => unknown).apply(target, args);
        } catch (error) {
          telemetry.count('labmate.outside_calls', { ...attributes, 'labmate.result': errorCode(error) });
          throw error;
        }
        if (!(returned instanceof Promise)) return returned;
        const span = telemetry.startSpan(`${service} ${property}`, attributes, { kind: 'client', startTime });
        const finish = (result: string) => {
          if (result !== 'ok') span.fail(result);
          span.end();
          telemetry.count('labmate.outside_calls', { ...attributes, 'labmate.result': result });
          telemetry.record('labmate.outside_call.duration', (performance.now() - started) / 1000, { ...attributes, 'labmate.result': result });
        };
        return returned.then(
          (result: unknown) => {
            finish('ok');
            return result;
          },
          (error: unknown) => {
            finish(errorCode(error));
            throw error;
          },
        );
      };
    },
  });
}
