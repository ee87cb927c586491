import { DelayPanel } from '../panels/DelayPanel';
import type { KindDescriptor } from './types';
import { isObject } from './types';

/** Waits, then goes on: `after: { <ms>: target }` or the `core.delay` node. */
export const delay: KindDescriptor = {
  kind: 'delay',
  title: 'Delay',
  color: '#616161',
  serverKinds: ['delay', 'after'],
  recognises: (state, src) => src === 'core.delay' || (src === undefined && isObject(state.after) && !isObject(state.on)),
  drawsNodeType: (type) => type === 'core.delay',
  subtitle: (state) => `wait ${Object.keys(isObject(state.after) ? state.after : {}).join(', ')} ms`,
  quickAdd: { subtitle: 'wait, then go on', baseId: 'wait', template: () => ({ after: { 2000: '' } }) },
  panel: DelayPanel,
};
