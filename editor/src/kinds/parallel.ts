import type { JsonObject } from '../converters/model';
import type { KindDescriptor, Machine } from './types';
import { isObject } from './types';

/** A parallel state: regions that run together; it goes on once every region is done. */
export const parallel: KindDescriptor = {
  kind: 'parallel',
  title: 'Parallel',
  color: '#37474f',
  serverKinds: ['parallel'],
  recognises: (state) => state.type === 'parallel',
  group: true,
  canFail: true,
  nesting: {
    machines: (state) => Object.entries(isObject(state.states) ? state.states : {}).map(([name, region]): Machine => {
      const r = isObject(region) ? region : {};
      const { states, ...machine } = r;
      return { region: name, machine, states: (isObject(states) ? states : {}) as Record<string, JsonObject>,
        initial: typeof r.initial === 'string' ? r.initial : undefined };
    }),
    write: (state, machines) => {
      state.states = Object.fromEntries(machines.map((m) => [m.region ?? '', {
        ...m.machine, ...(m.initial !== undefined ? { initial: m.initial } : {}), states: m.states }]));
    },
  },
  subtitle: () => 'parallel',
  quickAdd: {
    subtitle: 'branches that run together, then join',
    baseId: 'parallel',
    template: (id) => ({ type: 'parallel', states: {
      left: { initial: `${id}Left`, states: { [`${id}Left`]: { type: 'final' } } },
      right: { initial: `${id}Right`, states: { [`${id}Right`]: { type: 'final' } } } } }),
  },
};
