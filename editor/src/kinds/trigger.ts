import type { KindDescriptor } from './types';

/** Not a state: where the run starts (its event, its payload); its handle points at `initial`. */
export const trigger: KindDescriptor = {
  kind: 'trigger',
  title: 'Trigger',
  color: '#2e7d32',
  serverKinds: [],
  handles: () => [{ slot: 'initial', label: '' }],
  subtitle: (state) => (typeof state.event === 'string' && state.event ? `on ${state.event}` : 'by hand'),
};
