/**
 * The official Adaptive Cards object model. Node's ESM loader cannot load the package's `lib/` (its imports have
 * no file extensions), so this loads the self-contained bundle; the types come from `lib/`, which describes it.
 */
import { createRequire } from 'node:module';
import type * as AdaptiveCards from 'adaptivecards';

export const AC = createRequire(import.meta.url)('adaptivecards/dist/adaptivecards.js') as typeof AdaptiveCards;
export type { AdaptiveCards };
