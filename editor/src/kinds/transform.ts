import type { KindDescriptor } from './types';

const TYPES = new Set(['core.transform', 'core.setVariable']);

/** Reshapes the context: `core.transform` and `core.setVariable`. */
export const transform: KindDescriptor = {
  kind: 'transform',
  title: 'Transform',
  color: '#7b1fa2',
  serverKinds: ['invoke'],
  recognises: (_, src) => src !== undefined && TYPES.has(src),
  drawsNodeType: (type) => TYPES.has(type),
  subtitle: (state) => String((state.invoke as { src?: string } | undefined)?.src ?? ''),
};
