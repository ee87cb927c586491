import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import {
  Background, Controls, MiniMap, ReactFlow, ReactFlowProvider, useEdgesState, useNodesState, useReactFlow,
} from '@xyflow/react';
import type { Connection, Node } from '@xyflow/react';
import { Alert, Box } from '@mui/material';
import { Loading, useDataProvider, useGetList, useGetOne, useNotify } from 'react-admin';
import { useParams, useSearchParams } from 'react-router-dom';
import { layout, placeTrigger, toDefinition, toGraph, TRIGGER_ID } from '../converters';
import type { Definition, GraphEdge, GraphNode, JsonObject } from '../converters';
import { API, httpClient } from '../dataProvider';
import type { OvenDataProvider, Problem } from '../dataProvider';
import { nodeTypes } from './nodes';
import { Palette } from './Palette';
import { Inspector } from './Inspector';
import { placeProblems } from './problems';
import { variablesAt } from './variables';
import { PALETTE_MIME } from './templates';
import type { PaletteItem } from './templates';
import { renameProblem, renameState } from './rename';
import { addState, connect, deleteState, dropInto, renameSlot, withState } from './graphEdits';
import type { FlowEdge, FlowNode } from './graphEdits';
import { useHistory } from './useHistory';
import { useRunOverlay } from './useRunOverlay';
import { useWatchRuns } from './useWatchRuns';
import { useServerLists } from './useServerLists';
import { EditorToolbar } from './EditorToolbar';
import { ExecuteDialog } from './ExecuteDialog';
import { VersionsDialog } from './VersionsDialog';

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

/**
 * The canvas page: graph state and the handlers that change it (pure edits in `graphEdits`),
 * with undo history, the run overlay and run watching as hooks, the toolbar and dialogs as
 * components, and the inspector's panels from `kinds/`.
 */
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
  const [executeOpen, setExecuteOpen] = useState(false);
  const [versionsOpen, setVersionsOpen] = useState(false);
  const [watching, setWatching] = useState(false);
  const [dirty, setDirty] = useState(false);
  const lists = useServerLists();

  // Latest values for callbacks that must not go stale.
  const current = useRef<Snapshot>({ nodes, edges, workflow });
  current.current = { nodes, edges, workflow };
  const snapshot = useCallback(() => current.current, []);
  const restore = useCallback((s: Snapshot) => {
    setNodes(s.nodes);
    setEdges(s.edges);
    setWorkflow(s.workflow);
  }, [setNodes, setEdges]);
  const markDirty = useCallback(() => setDirty(true), []);
  const history = useHistory(snapshot, restore, markDirty);
  const { remember } = history;
  const apply = useCallback((next: { nodes: FlowNode[]; edges: FlowEdge[] }) => {
    setNodes(next.nodes);
    setEdges(next.edges);
  }, [setNodes, setEdges]);

  const graph = useCallback(() => ({ nodes: current.current.nodes as GraphNode[], edges: current.current.edges as GraphEdge[],
    workflow: current.current.workflow }), []);

  const onConnect = useCallback((c: Connection) => {
    if (!c.source || !c.sourceHandle || !c.target || c.source === c.target) return;
    remember();
    apply(connect(current.current, c.source, c.sourceHandle, c.target));
  }, [remember, apply]);

  const addNode = useCallback((item: PaletteItem, position?: { x: number; y: number }) => {
    remember();
    const added = addState(current.current, item, position);
    apply(added);
    setSelectedId(added.id);
  }, [remember, apply]);

  const onNodeDragStop = useCallback((_: unknown, dragged: Node) => {
    setNodes(dropInto(current.current, dragged.id));
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
    setNodes(withState(current.current.nodes, nodeId, state));
  }, [remember, setNodes]);

  const onRenameSlot = useCallback((nodeId: string, from: string, to: string, state: JsonObject) => {
    remember();
    apply(renameSlot(current.current, nodeId, from, to, state));
  }, [remember, apply]);

  const deleteNode = useCallback((nodeId: string) => {
    remember();
    apply(deleteState(current.current, nodeId));
    setSelectedId(null);
  }, [remember, apply]);

  const rename = useCallback((nodeId: string, next: string): string | undefined => {
    const why = renameProblem(current.current.nodes as GraphNode[], nodeId, next);
    if (why) return why;
    remember();
    const renamed = renameState(current.current.nodes as GraphNode[], current.current.edges as GraphEdge[], nodeId, next);
    apply({ nodes: renamed.nodes as FlowNode[], edges: renamed.edges as FlowEdge[] });
    setSelectedId(next);
    return undefined;
  }, [remember, apply]);

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

  // The run overlay: each node's status in the run on the canvas.
  const overlay = useRunOverlay(runId);
  useEffect(() => {
    setNodes((ns) => ns.map((n) => (n.id === TRIGGER_ID ? n : { ...n, data: { ...n.data, status: overlay.statusOf(n.id) } })));
  }, [overlay, setNodes]);
  useEffect(() => {
    if (overlay.error) notify(overlay.error.message, { type: 'error' });
  }, [overlay.error, notify]);
  useWatchRuns(record.id, watching, useCallback((latest: string) => setRunId(latest), []));

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
      <EditorToolbar workflowId={record.id} name={record.name} version={version} dirty={dirty}
        onSave={save} onValidate={validate} onExecute={() => setExecuteOpen(true)} onLayout={autoLayout}
        undo={history.undo} redo={history.redo} canUndo={history.canUndo} canRedo={history.canRedo}
        onVersions={() => setVersionsOpen(true)} watching={watching} onWatch={() => setWatching((w) => !w)}
        runId={runId} runStatus={overlay.status} onClearRun={() => setRunId(null)} />
      {lists.undrawn.length > 0 && (
        <Alert severity="error" data-testid="undrawn-kinds">
          The server knows state kinds this editor cannot draw: {lists.undrawn.join(', ')}. Add them to editor/src/kinds/.
        </Alert>
      )}
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
          runs={selected ? overlay.runs.get(selected.id) ?? [] : []} lists={lists} onState={setState} onRenameSlot={onRenameSlot}
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
