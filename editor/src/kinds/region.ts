import type { KindDescriptor } from './types';

/** One region of a parallel state: a frame holding its states, its start handle pointing at the first. */
export const region: KindDescriptor = {
  kind: 'region',
  title: 'Region',
  color: '#78909c',
  serverKinds: [],
  group: true,
  holdsStates: true,
  handles: () => [{ slot: 'start', label: 'start' }],
  subtitle: () => 'region',
};
