import type { KindDescriptor } from './types';

/** Publishes an event on the bus: `core.emit`. */
export const emit: KindDescriptor = {
  kind: 'emit',
  title: 'Emit',
  color: '#c2185b',
  serverKinds: ['invoke'],
  recognises: (_, src) => src === 'core.emit',
  drawsNodeType: (type) => type === 'core.emit',
  subtitle: () => 'core.emit',
};
