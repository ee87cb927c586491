import { useState } from 'react';
import { Box, IconButton, Stack, TextField, Typography } from '@mui/material';
import DeleteIcon from '@mui/icons-material/Delete';
import type { GraphNode, JsonObject } from '../converters';
import { TRIGGER_ID } from '../converters';
import { descriptorOf } from '../kinds';
import { InvokePanel } from '../panels/InvokePanel';
import { TestStepPanel } from '../panels/TestStepPanel';
import { BranchOnResult, GuardPanel } from '../panels/GuardPanel';
import { DecisionDetails, RunDetails } from '../panels/RunDetails';
import type { NodeRun } from '../panels/RunDetails';
import type { ServerLists } from '../panels/types';
import { isObject } from '../panels/values';
import { WorkflowPanel } from '../panels/WorkflowPanel';
import type { Variable } from './variables';
import type { Decision } from './takenPath';

export interface InspectorProps {
  node: GraphNode | null;
  workflowId: number;
  /** The run on the canvas, if any, and whether the canvas has changes the live version lacks. */
  runId: string | null;
  unsaved: boolean;
  workflow: JsonObject;
  triggerEvent: string;
  variables: Variable[];
  /** What the node's branches can test: the variables here and the node's own output. */
  branchVariables: Variable[];
  /** The selected node's transition slots and where their edges lead. */
  targets: Record<string, string>;
  runs: NodeRun[];
  /** What the selected condition decided in the run on the canvas. */
  decision?: Decision;
  lists: ServerLists;
  onState: (nodeId: string, state: JsonObject) => void;
  onRenameSlot: (nodeId: string, from: string, to: string, state: JsonObject) => void;
  onMoveSlots: (nodeId: string, moves: Record<string, string | null>, state: JsonObject) => void;
  onWorkflow: (workflow: JsonObject) => void;
  onTriggerEvent: (event: string) => void;
  onDelete: (nodeId: string) => void;
  /** Renames a state; answers why not when it cannot. */
  onRename: (nodeId: string, next: string) => string | undefined;
}

/** The right-hand panel: the trigger's settings, or the selected node's — its kind's panel from `kinds/`. */
export function Inspector(props: InspectorProps) {
  const { node } = props;
  return (
    <Box sx={{ width: 340, borderLeft: 1, borderColor: 'divider', overflow: 'auto', p: 2, flexShrink: 0 }} data-testid="inspector">
      {!node || node.id === TRIGGER_ID ? <WorkflowPanel {...props} /> : <NodeSettings {...props} node={node} />}
    </Box>
  );
}

function StateIdField({ node, onRename }: { node: GraphNode; onRename: InspectorProps['onRename'] }) {
  const [text, setText] = useState(node.data.stateId);
  const [problem, setProblem] = useState<string | undefined>();
  const commit = () => {
    const why = text.trim() === node.data.stateId ? undefined : onRename(node.id, text.trim());
    setProblem(why);
  };
  return (
    <TextField size="small" label="State id" value={text} error={!!problem} helperText={problem ?? 'press Enter to rename'}
      onChange={(e) => setText(e.target.value)} onBlur={commit}
      onKeyDown={(e) => { if (e.key === 'Enter') commit(); }}
      slotProps={{ htmlInput: { 'data-testid': 'state-id' } }} />
  );
}

function NodeSettings({ node, variables, branchVariables, targets, runs, decision, lists, onState, onRenameSlot, onMoveSlots, onDelete, onRename,
  workflowId, runId, unsaved }: InspectorProps & { node: GraphNode }) {
  const state = node.data.state;
  const kind = descriptorOf(node.type);
  const set = (mutate: (copy: JsonObject) => void) => {
    const copy = structuredClone(state);
    mutate(copy);
    onState(node.id, copy);
  };
  const meta = isObject(state.meta) ? state.meta : {};
  const panel = { node, state, set, onRenameSlot, onMoveSlots, variables, branchVariables, targets, lists };
  const Panel = kind.panel;
  return (
    <Stack spacing={2}>
      <Stack sx={{ alignItems: 'center', justifyContent: 'space-between' }} direction="row">
        <Typography variant="h6" noWrap title={node.data.stateId}>{node.data.stateId}</Typography>
        <IconButton size="small" onClick={() => onDelete(node.id)} title="Delete node"><DeleteIcon /></IconButton>
      </Stack>
      <Typography variant="caption" color="text.secondary" data-testid="inspector-kind">{kind.title}</Typography>
      {node.type !== 'region' && <StateIdField key={`id-${node.id}`} node={node} onRename={onRename} />}
      <TextField label="Label" size="small" value={String(meta.label ?? '')}
        onChange={(e) => set((c) => { c.meta = { ...(isObject(c.meta) ? c.meta : {}), label: e.target.value }; })} />
      {node.data.problems?.length ? (
        <Box data-testid="inspector-problems">{node.data.problems.map((p) => <Typography key={p} color="error" variant="body2">{p}</Typography>)}</Box>
      ) : null}
      {Panel && <Panel {...panel} />}
      {isObject(state.invoke) && <InvokePanel key={`invoke-${node.id}`} {...panel} />}
      {/* A node whose way out is guarded branches like a condition: the same editor, after its inputs. */}
      {Panel !== GuardPanel && isObject(state.invoke) && (Array.isArray(state.always)
        ? <GuardPanel {...panel} />
        : <BranchOnResult {...panel} />)}
      {isObject(state.invoke) && (() => {
        const last = runs[runs.length - 1];
        return <TestStepPanel key={`test-${node.id}-${runId ?? ''}`} workflowId={workflowId} stateId={node.data.stateId} state={state}
          runContext={last?.contextBefore ?? undefined} runOutput={last && last.status !== 'failed' ? last.output : undefined}
          runId={runId} unsaved={unsaved} onState={(s) => onState(node.id, s)} />;
      })()}
      {decision && <DecisionDetails decision={decision} state={state} />}
      {runs.length > 0 && <RunDetails runs={runs} />}
    </Stack>
  );
}
