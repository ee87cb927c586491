import type { KindDescriptor } from './types';

/** A final state: the run (or its region, its loop iteration) completes here. */
export const end: KindDescriptor = {
  kind: 'end',
  title: 'End',
  color: '#c62828',
  serverKinds: ['final'],
  recognises: (state) => state.type === 'final',
  handles: () => [],
  subtitle: () => 'end',
  quickAdd: { subtitle: 'the run completes', baseId: 'done', template: () => ({ type: 'final' }) },
};
