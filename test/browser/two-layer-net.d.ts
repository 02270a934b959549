// Types of two-layer-net.js (plain JavaScript so that the page can load it unbuilt).
import type * as Api from '../../src/index.js';

export interface TwoLayerNetResult {
  readonly shapes: string[];
  readonly loss: number;
  readonly gradNorms: number[];
  readonly worstRelVsNumerical: number;
  readonly values: number[];
}

export function twoLayerNet(tg: typeof Api): TwoLayerNetResult;
