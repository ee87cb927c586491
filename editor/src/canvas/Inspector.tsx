import { useState } from 'react';
import { Alert, Box, IconButton, Stack, TextField, Typography } from '@mui/material';
import CloseFullscreenIcon from '@mui/icons-material/CloseFullscreen';
import OpenInFullIcon from '@mui/icons-material/OpenInFull';
import { JsonTree } from '../components/JsonField';
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
  onPayloadField: (name: string, type: string) => void;
  onTriggerEvent: (event: string) => void;
  onDelete: (nodeId: string) => void;
  /** Renames a state; answers why not when it cannot. */
  onRename: (nodeId: string, next: string) => string | undefined;
}

/** The right-hand panel: the trigger's settings, or the selected node's — its kind's panel from `kinds/`. */
export function Inspector(props: InspectorProps) {
  const { node } = props;
  // Wide: input | parameters | output side by side, for reading a run (n8n's node panel).
  const [wide, setWide] = useState(false);
  const isNode = !!node && node.id !== TRIGGER_ID;
  return (
    <Box sx={{ width: isNode && wide ? 'min(1100px, calc(100vw - 520px))' : 340, borderLeft: 1, borderColor: 'divider',
      overflowY: 'auto', overflowX: 'hidden', p: 2, flexShrink: 0 }} data-testid="inspector" data-wide={isNode && wide ? 'true' : 'false'}>
      {!isNode ? <WorkflowPanel {...props} /> : <NodeSettings {...props} node={node} wide={wide} onWide={setWide} />}
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
  workflowId, runId, unsaved, wide, onWide, onPayloadField, workflow }: InspectorProps & { node: GraphNode; wide: boolean; onWide: (wide: boolean) => void }) {
  const state = node.data.state;
  const kind = descriptorOf(node.type);
  const set = (mutate: (copy: JsonObject) => void) => {
    const copy = structuredClone(state);
    mutate(copy);
    onState(node.id, copy);
  };
  const meta = isObject(state.meta) ? state.meta : {};
  const payloadFields = (Array.isArray(workflow.payloadSchema) ? workflow.payloadSchema : [])
    .map((f) => (isObject(f) ? String(f.name ?? '') : ''));
  const panel = { node, state, set, onRenameSlot, onMoveSlots, variables, branchVariables, targets, lists, onPayloadField, payloadFields };
  const Panel = kind.panel;
  const last = runs[runs.length - 1];
  const header = (
    <Stack sx={{ alignItems: 'center', justifyContent: 'space-between' }} direction="row">
      <Typography variant="h6" noWrap title={node.data.stateId}>{node.data.stateId}</Typography>
      <Stack direction="row">
        <IconButton size="small" onClick={() => onWide(!wide)} title={wide ? 'Narrow panel' : 'Wide panel: input | parameters | output'}
          data-testid="inspector-wide">{wide ? <CloseFullscreenIcon /> : <OpenInFullIcon />}</IconButton>
        <IconButton size="small" onClick={() => onDelete(node.id)} title="Delete node"><DeleteIcon /></IconButton>
      </Stack>
    </Stack>
  );
  const testStep = isObject(state.invoke) && (
    <TestStepPanel key={`test-${node.id}-${runId ?? ''}`} workflowId={workflowId} stateId={node.data.stateId} state={state}
      runContext={last?.contextBefore ?? undefined} runOutput={last && last.status !== 'failed' ? last.output : undefined}
      runId={runId} unsaved={unsaved} onState={(s) => onState(node.id, s)} />
  );
  if (wide) {
    return (
      <Stack spacing={2}>
        {header}
        <Box sx={{ display: 'grid', gridTemplateColumns: 'minmax(0, 1fr) 340px minmax(0, 1fr)', gap: 2 }}>
          <Stack spacing={1} data-testid="wide-input">
            <Typography variant="subtitle2">Input{last ? ` (attempt ${last.attempt}, ${last.status})` : ''}</Typography>
            {last ? <JsonTree value={last.input ?? null} openDepth={3} />
              : <Typography variant="body2" color="text.secondary">Run the workflow, or test this step, to see what it gets.</Typography>}
            {last?.contextBefore !== undefined && last.contextBefore !== null && (
              <><Typography variant="caption">context it started with</Typography><JsonTree value={last.contextBefore} openDepth={1} /></>
            )}
          </Stack>
          <Stack spacing={2} data-testid="wide-parameters">{settings()}</Stack>
          <Stack spacing={1} data-testid="wide-output">
            <Typography variant="subtitle2">Output</Typography>
            {last?.error && <Alert severity="error" data-testid="run-error">{last.error}</Alert>}
            {last && !last.error ? <JsonTree value={last.output ?? null} openDepth={3} />
              : !last && <Typography variant="body2" color="text.secondary">Nothing yet.</Typography>}
            {decision && <DecisionDetails decision={decision} state={state} />}
            {testStep}
          </Stack>
        </Box>
      </Stack>
    );
  }
  return (
    <Stack spacing={2}>
      {header}
      {settings()}
      {testStep}
      {decision && <DecisionDetails decision={decision} state={state} />}
      {runs.length > 0 && <RunDetails runs={runs} />}
    </Stack>
  );

  function settings() {
    return (
      <>
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
      </>
    );
  }
}
