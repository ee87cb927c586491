import { describe, expect, it } from 'vitest';
import { directionOf, toDefinition, toGraph, TRIGGER_ID } from '.';
import type { Definition, JsonObject } from '.';
import { initialView } from '../canvas/view';

const chain = (meta?: JsonObject): Definition => ({
  initial: 'a', ...(meta ? { meta } : {}),
  states: {
    a: { invoke: { src: 'core.log', input: {} }, onDone: 'b' },
    b: { invoke: { src: 'core.log', input: {} }, onDone: 'c' },
    c: { type: 'final' },
  },
});

describe('layout direction', () => {
  it('lays a chain out top to bottom by default and left to right with meta.layout LR', () => {
    const down = toGraph(chain());
    const at = (g: ReturnType<typeof toGraph>, id: string) => g.nodes.find((n) => n.id === id)!.position;
    expect(at(down, 'b').y).toBeGreaterThan(at(down, 'a').y);
    expect(at(down, TRIGGER_ID).y).toBeLessThan(at(down, 'a').y);
    const right = toGraph(chain({ layout: 'LR' }));
    expect(at(right, 'b').x).toBeGreaterThan(at(right, 'a').x);
    expect(at(right, 'b').y).toBe(at(right, 'a').y);
    expect(at(right, TRIGGER_ID).x).toBeLessThan(at(right, 'a').x);
  });

  it('keeps the direction in the definition and reads anything else as top to bottom', () => {
    const g = toGraph(chain({ layout: 'LR', note: 'kept' }));
    expect(toDefinition(g).meta).toEqual({ layout: 'LR', note: 'kept' });
    expect(directionOf({ meta: { layout: 'sideways' } })).toBe('TB');
    expect(directionOf({})).toBe('TB');
  });

  it('opens a long flow at its beginning: the top, or the left', () => {
    const long: Definition = { initial: 's0', meta: { layout: 'LR' }, states: {} };
    for (let i = 0; i < 30; i++) long.states[`s${i}`] = i < 29 ? { invoke: { src: 'core.log', input: {} }, onDone: `s${i + 1}` } : { type: 'final' };
    const g = toGraph(long);
    const ids = (initialView(g.nodes, 'LR').nodes ?? []).map((n) => n.id);
    expect(ids).toEqual([TRIGGER_ID, 's0', 's1', 's2', 's3', 's4']);
    // On a canvas 700 px wide, as many as fit at a readable zoom.
    expect(initialView(g.nodes, 'LR', { width: 700, height: 800 }).nodes?.map((n) => n.id)).toEqual([TRIGGER_ID, 's0']);
    expect(initialView(toGraph(chain()).nodes).nodes).toBeUndefined();
  });
});
