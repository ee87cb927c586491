export * from './model';
export { toGraph, toDefinition, placeTrigger } from './convert';
export { kindOf, KIND_COLORS } from '../kinds';
export { directionOf, layout, NODE_WIDTH, NODE_HEIGHT } from './layout';
export type { Direction } from './layout';
export { transitionsOf, getSlot, setSlot, retarget } from './transitions';
