import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import {
  Background, Controls, MiniMap, ReactFlow, ReactFlowProvider, useEdgesState, useNodesState, useReactFlow,
} from '@xyflow/react';
import type { Connection, Edge, Node } from '@xyflow/react';
import {
  Alert, Box, Button as MuiButton, Dialog, DialogActions, DialogContent, DialogTitle, List, ListItemButton,
  ListItemText, Stack, TextField, Tooltip, Typography,
} from '@mui/material';
import SaveIcon from '@mui/icons-material/Save';
import PlayArrowIcon from '@mui/icons-material/PlayArrow';
import FactCheckIcon from '@mui/icons-material/FactCheck';
import AccountTreeIcon from '@mui/icons-material/AccountTree';
import UndoIcon from '@mui/icons-material/Undo';
import RedoIcon from '@mui/icons-material/Redo';
import HistoryIcon from '@mui/icons-material/History';
import VisibilityIcon from '@mui/icons-material/Visibility';
import { Loading, useDataProvider, useGetList, useGetOne, useNotify } from 'react-admin';
import { useParams, useSearchParams, Link } from 'react-router-dom';
import {
  getSlot, kindOf, layout, placeTrigger, toDefinition, toGraph, TRIGGER_ID,
} from '../converters';
import type { Definition, GraphEdge, GraphNode, JsonObject, Json } from '../converters';
import { API, httpClient } from '../dataProvider';
import type { OvenDataProvider, Problem } from '../dataProvider';
import { prettyJson } from '../format';
import { nodeTypes } from './nodes';
import { Palette } from './Palette';
import { Inspector, readValue } from './Inspector';
import type { NodeRun } from './Inspector';
import { placeProblems } from './problems';
import { variablesAt } from './variables';
import { newStateId, PALETTE_MIME, stateFor } from './templates';
import type { PaletteItem } from './templates';
import { diffLines } from './diff';
import { absolutePosition, containerAt } from './containers';
import { renameProblem, renameState } from './rename';

type FlowNode = Node & GraphNode;
type FlowEdge = Edge & GraphEdge;

interface WorkflowRecord {
  id: number;
  name: string;
  version: number;
  triggerEvent: string | null;
  definition: Definition;
}

interface Snapshot {
  nodes: FlowNode[];
  edges: FlowEdge[];
  workflow: JsonObject;
}

/** `/#/workflows/:id/editor` (`?execution=<id>` opens a run on it). */
export function WorkflowEditorPage() {
  const { id } = useParams();
  const [search] = useSearchParams();
  const { data, isPending, error, refetch } = useGetOne<WorkflowRecord>('workflows', { id: Number(id) });
  if (isPending) return <Loading />;
  if (error || !data) return <Alert severity="error">{(error as Error)?.message ?? 'not found'}</Alert>;
  return (
    <ReactFlowProvider key={`${data.id}-${data.version}`}>
      <Editor record={data} executionId={search.get('execution')} reload={refetch} />
    </ReactFlowProvider>
  );
}

function Editor({ record, executionId, reload }: { record: WorkflowRecord; executionId: string | null; reload: () => void }) {
  const dataProvider = useDataProvider<OvenDataProvider>();
  const notify = useNotify();
  const { screenToFlowPosition, fitView } = useReactFlow();
  const initial = useMemo(() => toGraph(record.definition), [record]);
  const [nodes, setNodes, onNodesChange] = useNodesState<FlowNode>(initial.nodes.map((n) =>
    (n.id === TRIGGER_ID ? { ...n, deletable: false } : n)) as FlowNode[]);
  const [edges, setEdges, onEdgesChange] = useEdgesState<FlowEdge>(initial.edges as FlowEdge[]);
  const [workflow, setWorkflow] = useState<JsonObject>(initial.workflow);
  const [triggerEvent, setTriggerEvent] = useState(record.triggerEvent ?? '');
  // The trigger node shows the event (its data is display-only: the trigger is not a state).
  useEffect(() => {
    setNodes((ns) => ns.map((n) => (n.id === TRIGGER_ID ? { ...n, data: { ...n.data, state: { event: triggerEvent.trim() } } } : n)));
  }, [triggerEvent, setNodes]);
  const [version, setVersion] = useState(record.version);
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [workflowProblems, setWorkflowProblems] = useState<string[]>([]);
  const [runId, setRunId] = useState<string | null>(executionId);
  const [runs, setRuns] = useState<Map<string, NodeRun[]>>(new Map());
  const [runStatus, setRunStatus] = useState<string | null>(null);
  const [executeOpen, setExecuteOpen] = useState(false);
  const [versionsOpen, setVersionsOpen] = useState(false);
  const [dirty, setDirty] = useState(false);

  // Latest values for callbacks that must not go stale.
  const current = useRef<Snapshot>({ nodes, edges, workflow });
  current.current = { nodes, edges, workflow };
  const past = useRef<Snapshot[]>([]);
  const future = useRef<Snapshot[]>([]);
  const [, setHistoryTick] = useState(0);

  const remember = useCallback(() => {
    past.current.push(structuredClone(current.current));
    if (past.current.length > 100) past.current.shift();
    future.current = [];
    setHistoryTick((t) => t + 1);
    setDirty(true);
  }, []);
  const restore = useCallback((s: Snapshot) => {
    setNodes(s.nodes);
    setEdges(s.edges);
    setWorkflow(s.workflow);
    setHistoryTick((t) => t + 1);
  }, [setNodes, setEdges]);
  const undo = useCallback(() => {
    const s = past.current.pop();
    if (!s) return;
    future.current.push(structuredClone(current.current));
    restore(s);
  }, [restore]);
  const redo = useCallback(() => {
    const s = future.current.pop();
    if (!s) return;
    past.current.push(structuredClone(current.current));
    restore(s);
  }, [restore]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const target = e.target as HTMLElement;
      if (target.closest('input, textarea, [contenteditable]')) return;
      if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 'z') {
        e.preventDefault();
        if (e.shiftKey) redo(); else undo();
      } else if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 'y') {
        e.preventDefault();
        redo();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [undo, redo]);

  const graph = useCallback(() => ({ nodes: current.current.nodes as GraphNode[], edges: current.current.edges as GraphEdge[],
    workflow: current.current.workflow }), []);

  const onConnect = useCallback((c: Connection) => {
    const source = current.current.nodes.find((n) => n.id === c.source);
    if (!source || !c.sourceHandle || !c.target || c.source === c.target) return;
    remember();
    const slot = c.sourceHandle;
    const value: Json = (getSlot(source.data.state, slot) as Json | undefined) ?? c.target;
    setEdges((es) => [...es.filter((e) => !(e.source === c.source && e.data?.slot === slot)),
      { id: `${c.source}:${slot}`, source: c.source, target: c.target, sourceHandle: slot, data: { slot, value } } as FlowEdge]);
  }, [remember, setEdges]);

  const addNode = useCallback((item: PaletteItem, position?: { x: number; y: number }) => {
    remember();
    const taken = new Set(current.current.nodes.map((n) => n.id));
    const id = newStateId(item, taken);
    const state = stateFor(item, id);
    const at = position ?? (() => {
      const top = current.current.nodes.filter((n) => !n.parentId);
      const bottom = Math.max(...top.map((n) => n.position.y), 0);
      return { x: top[top.length - 1]?.position.x ?? 0, y: bottom + 120 };
    })();
    // Dropped inside a parallel region or a loop body, the state becomes one of its states.
    const container = position ? containerAt(current.current.nodes as GraphNode[], { x: at.x + 100, y: at.y + 32 }) : undefined;
    const placed = container
      ? { parentId: container.id,
        position: { x: Math.max(10, at.x - container.origin.x), y: Math.max(30, at.y - container.origin.y) } }
      : { position: at };
    if (item.kind === 'parallel' || item.kind === 'loop') {
      // A group: its regions or body come as nodes of their own, laid out inside it.
      const sub = toGraph({ initial: id, states: { [id]: state } });
      const inner = sub.nodes.filter((n) => n.id !== TRIGGER_ID)
        .map((n) => (n.id === id ? { ...n, ...placed } : n));
      setNodes((ns) => [...ns, ...inner as FlowNode[]]);
      setEdges((es) => [...es, ...sub.edges.filter((e) => e.source !== TRIGGER_ID) as FlowEdge[]]);
    } else {
      const added = { id, type: kindOf(id, state), ...placed, data: { stateId: id, state, slots: [] } } as FlowNode;
      // Groups grow around what is dropped into them (layout only re-sizes here: nothing is missing a place).
      setNodes((ns) => (container
        ? layout([...ns, added] as GraphNode[], current.current.edges as GraphEdge[], true, new Set()) as FlowNode[]
        : [...ns, added]));
    }
    setSelectedId(id);
  }, [remember, setNodes]);

  // A state dragged into a region or loop body joins it; dragged out of one, it leaves it.
  const onNodeDragStop = useCallback((_: unknown, dragged: Node) => {
    if (dragged.type === 'region' || dragged.type === 'parallel' || dragged.type === 'loop' || dragged.id === TRIGGER_ID) {
      return;
    }
    const all = current.current.nodes as GraphNode[];
    const byId = new Map(all.map((n) => [n.id, n]));
    const self = byId.get(dragged.id);
    if (!self) return;
    const at = absolutePosition(self, byId);
    const center = { x: at.x + 100, y: at.y + 32 };
    const container = containerAt(all.filter((n) => n.id !== self.id), center);
    if ((container?.id ?? undefined) === self.parentId) {
      setNodes((ns) => layout(ns as GraphNode[], current.current.edges as GraphEdge[], true, new Set()) as FlowNode[]);
      return;
    }
    setNodes((ns) => {
      const moved = ns.find((n) => n.id === self.id)!;
      const { parentId: _old, extent: _extent, ...rest } = moved;
      const placed = container
        ? { ...rest, parentId: container.id, position: { x: at.x - container.origin.x, y: at.y - container.origin.y } }
        : { ...rest, position: at };
      // Parents come before their children in React Flow's list: the moved state goes last.
      return layout([...ns.filter((n) => n.id !== self.id), placed] as GraphNode[], current.current.edges as GraphEdge[],
        true, new Set()) as FlowNode[];
    });
  }, [setNodes]);

  const onDrop = useCallback((e: React.DragEvent) => {
    e.preventDefault();
    const raw = e.dataTransfer.getData(PALETTE_MIME);
    if (!raw) return;
    const position = screenToFlowPosition({ x: e.clientX, y: e.clientY });
    addNode(JSON.parse(raw) as PaletteItem, { x: position.x - 100, y: position.y - 32 });
  }, [addNode, screenToFlowPosition]);

  const setState = useCallback((nodeId: string, state: JsonObject) => {
    remember();
    setNodes((ns) => ns.map((n) => (n.id === nodeId ? { ...n, type: kindOf(n.data.stateId, state), data: { ...n.data, state } } as FlowNode : n)));
  }, [remember, setNodes]);

  const renameSlot = useCallback((nodeId: string, from: string, to: string, state: JsonObject) => {
    remember();
    setNodes((ns) => ns.map((n) => (n.id === nodeId
      ? { ...n, data: { ...n.data, state, slots: n.data.slots.map((s) => (s === from ? to : s)) } } as FlowNode : n)));
    setEdges((es) => es.map((e) => (e.source === nodeId && e.data?.slot === from
      ? { ...e, id: `${nodeId}:${to}`, sourceHandle: to, data: { ...e.data, slot: to } } as FlowEdge : e)));
  }, [remember, setNodes, setEdges]);

  const deleteNode = useCallback((nodeId: string) => {
    remember();
    setNodes((ns) => ns.filter((n) => n.id !== nodeId && n.parentId !== nodeId));
    setEdges((es) => es.filter((e) => e.source !== nodeId && e.target !== nodeId));
    setSelectedId(null);
  }, [remember, setNodes, setEdges]);

  const rename = useCallback((nodeId: string, next: string): string | undefined => {
    const why = renameProblem(current.current.nodes as GraphNode[], nodeId, next);
    if (why) return why;
    remember();
    const renamed = renameState(current.current.nodes as GraphNode[], current.current.edges as GraphEdge[], nodeId, next);
    setNodes(renamed.nodes as FlowNode[]);
    setEdges(renamed.edges as FlowEdge[]);
    setSelectedId(next);
    return undefined;
  }, [remember, setNodes, setEdges]);

  const markProblems = useCallback((problems: Problem[]) => {
    const placed = placeProblems(graph(), problems);
    setNodes((ns) => ns.map((n) => ({ ...n, data: { ...n.data, problems: placed.nodes.get(n.id) } })));
    setEdges((es) => es.map((e) => ({ ...e, label: placed.edges.get(e.id)?.[0],
      style: placed.edges.has(e.id) ? { stroke: '#c62828', strokeWidth: 3 } : undefined })));
    setWorkflowProblems(placed.workflow);
  }, [graph, setNodes, setEdges]);

  const save = async () => {
    const definition = toDefinition(graph());
    try {
      const { data } = await dataProvider.update<WorkflowRecord>('workflows', { id: record.id,
        data: { definition, version, triggerEvent: triggerEvent.trim() === '' ? null : triggerEvent.trim() }, previousData: record });
      setVersion(data.version);
      markProblems([]);
      setDirty(false);
      notify(`Saved: version ${data.version} is live`, { type: 'success' });
    } catch (e) {
      const body = (e as { body?: { details?: Problem[] } }).body;
      if (body?.details) markProblems(body.details);
      notify((e as Error).message, { type: 'error' });
    }
  };

  const validate = async () => {
    try {
      const { json } = await httpClient(`${API}/workflows/validate`, { method: 'POST', body: JSON.stringify(toDefinition(graph())) });
      markProblems([...(json.errors ?? [])]);
      notify(json.valid ? `Valid${json.warnings?.length ? ` (${json.warnings.length} warnings)` : ''}` : `${json.errors.length} problems`,
        { type: json.valid ? 'success' : 'error' });
    } catch (e) {
      notify((e as Error).message, { type: 'error' });
    }
  };

  const autoLayout = () => {
    remember();
    const first = current.current.edges.find((e) => e.source === TRIGGER_ID)?.target;
    setNodes((ns) => placeTrigger(layout(ns as GraphNode[], current.current.edges as GraphEdge[]), first) as FlowNode[]);
    window.requestAnimationFrame(() => fitView({ padding: 0.2 }));
  };

  // Live overlay: follow the run until it is over (polling every 700 ms).
  useEffect(() => {
    if (!runId) return;
    let stopped = false;
    let timer: number | undefined;
    const poll = async () => {
      try {
        const { json } = await httpClient(`${API}/workflow-executions/${runId}`);
        if (stopped) return;
        const byNode = new Map<string, NodeRun[]>();
        for (const row of json.nodes ?? []) {
          byNode.set(row.nodeId, [...(byNode.get(row.nodeId) ?? []), { id: row.id, attempt: row.attempt, status: row.status,
            durationMs: row.durationMs, input: row.input, output: row.output, error: row.error }]);
        }
        const active = json.status === 'running' || json.status === 'waiting' || json.status === 'pending';
        const statusOf = (id: string) => {
          // Where a live run is (a parked wait included: it resumes there) pulses, whatever ran there before.
          if (active && json.currentState === id) return 'running';
          const list = byNode.get(id);
          if (list?.length) return list[list.length - 1].status;
          if (json.currentState === id) return json.status === 'completed' ? 'completed' : 'failed';
          return active ? undefined : 'skipped';
        };
        setRuns(byNode);
        setRunStatus(json.status);
        setNodes((ns) => ns.map((n) => (n.id === TRIGGER_ID ? n : { ...n, data: { ...n.data, status: statusOf(n.id) } })));
        if (active) timer = window.setTimeout(poll, 700);
      } catch (e) {
        notify((e as Error).message, { type: 'error' });
      }
    };
    poll();
    return () => {
      stopped = true;
      window.clearTimeout(timer);
    };
  }, [runId, notify, setNodes]);

  // Watch runs: follow whichever run of this workflow started last (triggered ones included).
  const [watching, setWatching] = useState(false);
  useEffect(() => {
    if (!watching) return;
    const query = `filter=${encodeURIComponent(JSON.stringify({ workflowId: record.id }))}`
      + `&sort=${encodeURIComponent('["id","DESC"]')}&range=${encodeURIComponent('[0,0]')}`;
    const timer = window.setInterval(async () => {
      try {
        const { json } = await httpClient(`${API}/workflow-executions?${query}`);
        const latest = json[0]?.id;
        if (latest !== undefined) setRunId((currentRun) => (String(latest) === currentRun ? currentRun : String(latest)));
      } catch {
        // the next tick tries again
      }
    }, 1000);
    return () => window.clearInterval(timer);
  }, [watching, record.id]);

  const clearRun = () => {
    setRunId(null);
    setRuns(new Map());
    setRunStatus(null);
    setNodes((ns) => ns.map((n) => ({ ...n, data: { ...n.data, status: undefined } })));
  };

  const { data: modules = [] } = useGetList('modules', { pagination: { page: 1, perPage: 100 } });
  const { data: types = [] } = useGetList('node-types', { pagination: { page: 1, perPage: 1000 } });
  const selected = nodes.find((n) => n.id === selectedId) ?? null;
  const variables = useMemo(() => (selected ? variablesAt({ nodes: nodes as GraphNode[], edges: edges as GraphEdge[], workflow },
    selected.id, (t) => ((types.find((x) => x.id === t)?.outputs ?? []) as { name: string }[]).map((o) => o.name),
    modules.flatMap((m) => ((m.config ?? []) as { key: string }[]).map((k) => `${m.name}.${k.key}`)),
    (modules.flatMap((m) => (m.events ?? []) as { name: string; payload?: { name: string }[] }[])
      .find((e) => e.name === triggerEvent.trim())?.payload ?? []).map((p) => p.name)) : []),
  [selected, nodes, edges, workflow, types, modules, triggerEvent]);

  return (
    <Box sx={{ display: 'flex', flexDirection: 'column', height: 'calc(100vh - 64px)', mx: -2 }} data-testid="workflow-editor">
      <Stack direction="row" spacing={1} sx={{ alignItems: 'center', px: 2, py: 1, borderBottom: 1, borderColor: 'divider' }}>
        <Typography variant="h6" sx={{ mr: 1 }} noWrap>
          <Link to={`/workflows/${record.id}/show`}>{record.name}</Link> · v{version}{dirty ? ' · unsaved' : ''}
        </Typography>
        <MuiButton size="small" variant="contained" startIcon={<SaveIcon />} onClick={save}>Save</MuiButton>
        <MuiButton size="small" startIcon={<FactCheckIcon />} onClick={validate}>Validate</MuiButton>
        <MuiButton size="small" startIcon={<PlayArrowIcon />} onClick={() => setExecuteOpen(true)} disabled={dirty}
          title={dirty ? 'Save first: runs use the saved version' : undefined}>Execute</MuiButton>
        <MuiButton size="small" startIcon={<AccountTreeIcon />} onClick={autoLayout}>Auto-layout</MuiButton>
        <Tooltip title="Undo (Ctrl+Z)"><span><MuiButton size="small" onClick={undo} disabled={past.current.length === 0} aria-label="Undo"><UndoIcon /></MuiButton></span></Tooltip>
        <Tooltip title="Redo (Ctrl+Shift+Z)"><span><MuiButton size="small" onClick={redo} disabled={future.current.length === 0} aria-label="Redo"><RedoIcon /></MuiButton></span></Tooltip>
        <MuiButton size="small" startIcon={<HistoryIcon />} onClick={() => setVersionsOpen(true)}>Versions</MuiButton>
        <MuiButton size="small" startIcon={<VisibilityIcon />} onClick={() => setWatching((w) => !w)} variant={watching ? 'contained' : 'text'}
          color={watching ? 'secondary' : 'primary'} title="Follow each new run of this workflow, triggered ones included">
          {watching ? 'Watching runs' : 'Watch runs'}
        </MuiButton>
        <Box sx={{ flex: 1 }} />
        {runId && (
          <Stack sx={{ alignItems: 'center' }} direction="row" spacing={1} data-testid="run-banner">
            <Typography variant="body2">Run <Link to={`/workflow-executions/${runId}/show`}>#{runId}</Link>: <b data-testid="run-status">{runStatus ?? '…'}</b></Typography>
            <MuiButton size="small" onClick={clearRun}>Clear</MuiButton>
          </Stack>
        )}
      </Stack>
      {workflowProblems.length > 0 && <Alert severity="error" data-testid="workflow-problems">{workflowProblems.join('; ')}</Alert>}
      <Box sx={{ display: 'flex', flex: 1, minHeight: 0 }}>
        <Palette onAdd={(item) => addNode(item)} onTrigger={() => setSelectedId(TRIGGER_ID)} />
        <Box sx={{ flex: 1, position: 'relative' }} onDragOver={(e) => { e.preventDefault(); e.dataTransfer.dropEffect = 'move'; }}
          onDrop={onDrop} data-testid="canvas">
          <ReactFlow nodes={nodes} edges={edges} nodeTypes={nodeTypes} onNodesChange={onNodesChange} onEdgesChange={onEdgesChange}
            onConnect={onConnect} onNodeClick={(_, n) => setSelectedId(n.id)} onPaneClick={() => setSelectedId(null)}
            onNodeDragStart={remember} onNodeDragStop={onNodeDragStop} onBeforeDelete={async () => { remember(); return true; }}
            onNodesDelete={() => setSelectedId(null)} fitView fitViewOptions={{ maxZoom: 1, padding: 0.2 }} minZoom={0.1} deleteKeyCode={['Backspace', 'Delete']}
            defaultEdgeOptions={{ type: 'smoothstep' }}>
            <Background />
            <Controls />
            <MiniMap pannable zoomable />
          </ReactFlow>
        </Box>
        <Inspector node={selected as GraphNode | null} workflow={workflow} triggerEvent={triggerEvent} variables={variables}
          runs={selected ? runs.get(selected.id) ?? [] : []} onState={setState} onRenameSlot={renameSlot}
          onWorkflow={(w) => { remember(); setWorkflow(w); }} onTriggerEvent={(t) => { setTriggerEvent(t); setDirty(true); }}
          onDelete={deleteNode} onRename={rename} />
      </Box>
      <ExecuteDialog open={executeOpen} onClose={() => setExecuteOpen(false)} workflow={workflow}
        onRun={async (params) => {
          try {
            const started = await dataProvider.execute(record.id, params);
            setExecuteOpen(false);
            setRunId(String(started.executionId));
            notify(`Execution ${started.executionId} started`, { type: 'info' });
          } catch (e) {
            notify((e as Error).message, { type: 'error' });
          }
        }} />
      <VersionsDialog open={versionsOpen} onClose={() => setVersionsOpen(false)} workflowId={record.id} version={version}
        current={() => toDefinition(graph())} onRestored={() => { setVersionsOpen(false); reload(); }} />
    </Box>
  );
}

/** A form built from payloadSchema (one field per entry); JSON values where they parse. */
function ExecuteDialog({ open, onClose, workflow, onRun }: {
  open: boolean; onClose: () => void; workflow: JsonObject; onRun: (params: JsonObject) => void;
}) {
  const schema = (Array.isArray(workflow.payloadSchema) ? workflow.payloadSchema : []) as JsonObject[];
  const [values, setValues] = useState<Record<string, string>>({});
  const missing = schema.filter((f) => f.required === true && !values[String(f.name)]).map((f) => String(f.name));
  return (
    <Dialog open={open} onClose={onClose} fullWidth maxWidth="xs">
      <DialogTitle>Execute</DialogTitle>
      <DialogContent>
        {schema.length === 0 && <Typography variant="body2">This workflow takes no payload.</Typography>}
        {schema.map((f) => (
          <TextField key={String(f.name)} fullWidth margin="dense" size="small" label={`${f.name}${f.required ? ' *' : ''}`}
            helperText={String(f.type ?? '')} value={values[String(f.name)] ?? ''}
            slotProps={{ htmlInput: { 'data-testid': `param-${f.name}` } }}
            onChange={(e) => setValues({ ...values, [String(f.name)]: e.target.value })} />
        ))}
      </DialogContent>
      <DialogActions>
        <MuiButton onClick={onClose}>Cancel</MuiButton>
        <MuiButton variant="contained" disabled={missing.length > 0} data-testid="run-execute"
          onClick={() => onRun(Object.fromEntries(Object.entries(values).filter(([, v]) => v !== '')
            .map(([k, v]) => [k, readValue(v) as Json])))}>Run</MuiButton>
      </DialogActions>
    </Dialog>
  );
}

/** Every stored version; pick one to see how it differs from the canvas, and restore it as a new version. */
function VersionsDialog({ open, onClose, workflowId, version, current, onRestored }: {
  open: boolean; onClose: () => void; workflowId: number; version: number; current: () => Definition; onRestored: () => void;
}) {
  const dataProvider = useDataProvider<OvenDataProvider>();
  const notify = useNotify();
  const [versions, setVersions] = useState<Array<Record<string, unknown>>>([]);
  const [picked, setPicked] = useState<Record<string, unknown> | null>(null);
  useEffect(() => {
    if (open) dataProvider.versions(workflowId).then(setVersions, (e) => notify((e as Error).message, { type: 'error' }));
  }, [open, workflowId, version, dataProvider, notify]);
  const lines = picked ? diffLines(prettyJson(picked.definition), prettyJson(current())) : [];
  return (
    <Dialog open={open} onClose={onClose} fullWidth maxWidth="lg">
      <DialogTitle>Versions</DialogTitle>
      <DialogContent sx={{ display: 'flex', gap: 2 }}>
        <List dense sx={{ width: 200, flexShrink: 0 }}>
          {versions.map((v) => (
            <ListItemButton key={String(v.version)} selected={picked?.version === v.version} onClick={() => setPicked(v)}>
              <ListItemText primary={`v${v.version}${v.version === version ? ' (current)' : ''}`}
                secondary={new Date(String(v.createdAt)).toLocaleString()} />
            </ListItemButton>
          ))}
        </List>
        <Box component="pre" sx={{ flex: 1, fontSize: 12, m: 0, overflow: 'auto', maxHeight: '60vh' }} data-testid="version-diff">
          {picked ? lines.map((l, i) => (
            <Box key={i} component="div" sx={{ bgcolor: l.kind === 'added' ? '#e8f5e9' : l.kind === 'removed' ? '#ffebee' : undefined,
              color: l.kind === 'same' ? 'text.secondary' : 'text.primary' }}>
              {l.kind === 'added' ? '+ ' : l.kind === 'removed' ? '- ' : '  '}{l.text}
            </Box>
          )) : 'Pick a version: lines marked - are in it, + are on the canvas now.'}
        </Box>
      </DialogContent>
      <DialogActions>
        <MuiButton onClick={onClose}>Close</MuiButton>
        <MuiButton variant="contained" disabled={!picked || picked.version === version} onClick={async () => {
          try {
            await dataProvider.restore(workflowId, Number(picked!.version));
            notify(`Version ${picked!.version} restored as a new version`, { type: 'success' });
            onRestored();
          } catch (e) {
            notify((e as Error).message, { type: 'error' });
          }
        }}>Restore this version</MuiButton>
      </DialogActions>
    </Dialog>
  );
}
