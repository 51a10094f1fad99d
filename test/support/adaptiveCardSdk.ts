/**
 * The official Adaptive Cards object model. Node's ESM loader cannot load the package's `lib/` (its imports have
 * no file extensions), so this loads the self-contained bundle; the types come from `lib/`, which describes it.
 * The bundle takes about 70 ms to load: it is loaded with the first card rendered, not with the bot.
 */
import { createRequire } from 'node:module';
import type * as AdaptiveCards from 'adaptivecards';

let sdk: typeof AdaptiveCards | undefined;
const load = () => (sdk ??= createRequire(import.meta.url)('adaptivecards/dist/adaptivecards.js') as typeof AdaptiveCards);

export const AC: typeof AdaptiveCards = new Proxy({} as typeof AdaptiveCards, { get: (_target, name) => Reflect.get(load(), name) });
export type { AdaptiveCards };
