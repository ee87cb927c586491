import type { JsonObject, Kind } from '../converters/model';
import { api } from './api';
import { condition } from './condition';
import { delay } from './delay';
import { emit } from './emit';
import { end } from './end';
import { loop } from './loop';
import { parallel } from './parallel';
import { region } from './region';
import { step } from './step';
import { transform } from './transform';
import { trigger } from './trigger';
import type { KindDescriptor } from './types';
import { invokedType } from './types';
import { wait } from './wait';

export type { HandleSpec, KindDescriptor, Machine } from './types';

/**
 * Every kind, in the order a state is matched against them: the first whose `recognises`
 * says yes decides. Kinds no state is written as (trigger, region) come last.
 */
export const KINDS: readonly KindDescriptor[] = [
  end, parallel, loop, delay, condition, transform, emit, api, wait, step, trigger, region,
];

const BY_KIND = new Map<string, KindDescriptor>(KINDS.map((k) => [k.kind, k]));

/** The descriptor of a kind; an unknown kind is a bug, named. */
export function descriptorOf(kind: string): KindDescriptor {
  const found = BY_KIND.get(kind);
  if (!found) throw new Error(`unknown kind of node '${kind}'`);
  return found;
}

/** What a state draws as. Fails loudly on a state no kind recognises, naming it. */
export function kindOf(stateId: string, state: JsonObject): Kind {
  const src = invokedType(state);
  const found = KINDS.find((k) => k.recognises?.(state, src));
  if (!found) {
    throw new Error(`state '${stateId}' is none of the kinds the editor draws (invoke, always, after, on, final, parallel, loop)`);
  }
  return found.kind;
}

/** What a node type of the registry draws as (its colour in the palette). */
export function kindOfNodeType(type: string): Kind {
  return (KINDS.find((k) => k.drawsNodeType?.(type)) ?? api).kind;
}

/** Colours of DESIGN §9: trigger green, API blue, condition orange, transform purple, emit pink, delay grey, end red. */
export const KIND_COLORS = Object.fromEntries(KINDS.map((k) => [k.kind, k.color])) as Record<Kind, string>;

/** The palette's quick-add entries: the kinds with a template, the common ones first. */
const COMMON = ['condition', 'delay', 'wait', 'end', 'parallel', 'loop'];
export const QUICK_ADD = COMMON.map(descriptorOf).concat(KINDS.filter((k) => k.quickAdd && !COMMON.includes(k.kind)));

/** Server state kinds no editor kind draws: shown as an error, so the two lists cannot drift unseen. */
export function undrawnServerKinds(serverKinds: string[]): string[] {
  const drawn = new Set(KINDS.flatMap((k) => k.serverKinds));
  return serverKinds.filter((k) => !drawn.has(k));
}
