import type { KindDescriptor } from './types';
import { invokedType } from './types';

/** Calls a module endpoint or an imported API operation (any node type outside `core.`). */
export const api: KindDescriptor = {
  kind: 'api',
  title: 'API call',
  color: '#1565c0',
  serverKinds: ['invoke'],
  recognises: (_, src) => src !== undefined && !src.startsWith('core.'),
  drawsNodeType: (type) => !type.startsWith('core.'),
  subtitle: (state) => invokedType(state) ?? '',
};
