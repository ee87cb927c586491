import type { JsonObject } from '../converters/model';
import { LoopPanel } from '../panels/LoopPanel';
import type { KindDescriptor } from './types';
import { isObject } from './types';

/**
 * A loop: forEach over a collection (in order or in parallel batches) or while a guard holds;
 * its body is a frame of states, entered at its body handle. Server side: `compiler/LoopKind`.
 */
export const loop: KindDescriptor = {
  kind: 'loop',
  title: 'Loop',
  color: '#00695c',
  serverKinds: ['loop'],
  recognises: (state) => isObject(state.loop),
  group: true,
  holdsStates: true,
  canFail: true,
  leadingHandles: [{ slot: 'start', label: 'body' }],
  nesting: {
    machines: (state) => {
      const l = isObject(state.loop) ? state.loop : {};
      const { bodyStates, bodyInitial, ...machine } = l;
      return [{ machine, states: (isObject(bodyStates) ? bodyStates : {}) as Record<string, JsonObject>,
        initial: typeof bodyInitial === 'string' ? bodyInitial : undefined }];
    },
    write: (state, machines) => {
      if (!isObject(state.loop)) return;
      const [body] = machines;
      if (body?.initial !== undefined) state.loop.bodyInitial = body.initial;
      state.loop.bodyStates = body?.states ?? {};
    },
  },
  subtitle: (state) => String((isObject(state.loop) ? state.loop.type : undefined) ?? 'loop'),
  quickAdd: {
    subtitle: 'for each item of a list',
    baseId: 'loop',
    template: (id) => ({ loop: { type: 'forEach', collection: '$.items', itemVariable: 'item', indexVariable: 'index',
      maxIterations: 100, bodyInitial: `${id}Body`, bodyStates: { [`${id}Body`]: { type: 'final' } } } }),
  },
  panel: LoopPanel,
};
