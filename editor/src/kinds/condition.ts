import type { JsonObject } from '../converters/model';
import { GuardPanel } from '../panels/GuardPanel';
import type { KindDescriptor } from './types';

/** Branches on guards (`always: [{ guard, target }, …, { target }]`), or the `core.condition` node. */
export const condition: KindDescriptor = {
  kind: 'condition',
  title: 'Condition',
  color: '#ef6c00',
  serverKinds: ['always'],
  recognises: (state, src) => src === 'core.condition' || (src === undefined && state.always !== undefined),
  drawsNodeType: (type) => type === 'core.condition',
  subtitle: () => 'condition',
  quickAdd: {
    subtitle: 'true / false',
    baseId: 'condition',
    template: (): JsonObject => ({ always: [{ guard: { type: 'condition', params: { key: 'result', operator: '==', value: true } } }, {} as JsonObject] }),
  },
  panel: GuardPanel,
};
