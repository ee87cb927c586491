import type { GraphNode, JsonObject } from '../converters/model';
import type { Variable } from '../canvas/variables';

/** What a kind's inspector panel gets: the node, how to change its state, and the server's lists. */
export interface PanelProps {
  node: GraphNode;
  state: JsonObject;
  /** Changes the state: `mutate` edits a copy. */
  set: (mutate: (copy: JsonObject) => void) => void;
  /** Renames a transition slot (a delay's milliseconds, a wait's signal) with the state that results. */
  onRenameSlot: (nodeId: string, from: string, to: string, state: JsonObject) => void;
  /** Moves transition slots at once (branches reordered or removed), their edges with them; null drops one. */
  onMoveSlots: (nodeId: string, moves: Record<string, string | null>, state: JsonObject) => void;
  variables: Variable[];
  /** What branches can test: `variables` and the node's own output (a guarded node's branches read what it answered). */
  branchVariables?: Variable[];
  /** Where each of the node's transition slots leads now, as its edges say (`always.0` → `spawn`). */
  targets?: Record<string, string>;
  /** Adds a field to the workflow's payload (payloadSchema), required, unless it has one of that name. */
  onPayloadField?: (name: string, type: string) => void;
  /** The names the workflow's payload (payloadSchema) has. */
  payloadFields?: string[];
  /** Guard operators and JSON types as the server knows them (`GET /api/state-kinds`). */
  lists: ServerLists;
}

export interface ServerLists {
  operators: string[];
  types: string[];
}
