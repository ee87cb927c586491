import { WaitPanel } from '../panels/WaitPanel';
import type { KindDescriptor } from './types';
import { isObject } from './types';

/**
 * Parks the run until a signal or an event it names comes (`on: { <name>: target }`), or its
 * timeout (`after`). Server side: `compiler/WaitKind`.
 */
export const wait: KindDescriptor = {
  kind: 'wait',
  title: 'Wait for signal or event',
  color: '#00838f',
  serverKinds: ['wait'],
  recognises: (state) => isObject(state.on),
  subtitle: (state) => `on ${Object.keys(isObject(state.on) ? state.on : {}).join(', ')}`,
  quickAdd: { subtitle: 'until a signal or an event comes', baseId: 'waitFor', template: () => ({ on: { approve: '' } }) },
  panel: WaitPanel,
};
