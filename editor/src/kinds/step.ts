import type { KindDescriptor } from './types';
import { invokedType } from './types';

/** Any other `core.` node, or a state that only goes on (`onDone`, nothing written yet). */
export const step: KindDescriptor = {
  kind: 'step',
  title: 'Step',
  color: '#455a64',
  serverKinds: ['invoke'],
  recognises: (state, src) => src !== undefined || state.onDone !== undefined || state.meta !== undefined
    || Object.keys(state).length === 0,
  drawsNodeType: (type) => type.startsWith('core.'),
  subtitle: (state) => invokedType(state) ?? 'step',
};
