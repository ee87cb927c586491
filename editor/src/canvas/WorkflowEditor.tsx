import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import {
  Background, ControlButton, Controls, MiniMap, ReactFlow, ReactFlowProvider, useEdgesState, useNodesState, useReactFlow,
} from '@xyflow/react';
import KeyboardIcon from '@mui/icons-material/Keyboard';
import MapIcon from '@mui/icons-material/Map';
import type { Connection, FitViewOptions, Node } from '@xyflow/react';
import { Alert, Box } from '@mui/material';
import { Loading, useDataProvider, useGetList, useGetOne, useNotify } from 'react-admin';
import { useParams, useSearchParams } from 'react-router-dom';
import { directionOf, layout, placeTrigger, toDefinition, toGraph, TRIGGER_ID } from '../converters';
import type { Definition, Direction, GraphEdge, GraphNode, JsonObject } from '../converters';
import { isObject } from '../panels/values';
import { DirectionContext, nodeTypes } from './nodes';
import { API, httpClient } from '../dataProvider';
import type { OvenDataProvider, Problem } from '../dataProvider';
import { Palette } from './Palette';
import { Inspector } from './Inspector';
import { placeProblems } from './problems';
import { variablesAt, withRunFields } from './variables';
import { PALETTE_MIME } from './templates';
import type { PaletteItem } from './templates';
import { renameProblem, renameState } from './rename';
import { addState, connect, deleteState, dropInto, fillByName, follow, moveSlots, placeAfter, renameSlot, withState } from './graphEdits';
import type { Canvas, FlowEdge, FlowNode } from './graphEdits';
import { useHistory } from './useHistory';
import { useRunOverlay } from './useRunOverlay';
import { outcomeText, takenPath } from './takenPath';
import { isPinned } from '../panels/TestStepPanel';
import { useWatchRuns } from './useWatchRuns';
import { useServerLists } from './useServerLists';
import { EditorToolbar } from './EditorToolbar';
import { LeaveGuard } from './LeaveGuard';
import { ShortcutsDialog } from './ShortcutsDialog';
import { copyStates, pasteStates, readCopied } from './clipboard';
import { initialView, useEdgeLabels } from './view';
import { changesBetween } from './changes';
import type { Changes } from './changes';
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
  const { screenToFlowPosition, flowToScreenPosition, fitView, setCenter, getZoom } = useReactFlow();
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
  // What the canvas has that the saved version has not: checked after each change, undo and drag.
  const saved = useRef({ definition: toDefinition(initial), trigger: record.triggerEvent ?? '' });
  const [changes, setChanges] = useState<Changes>('none');
  const [checks, setChecks] = useState(0);
  const recheck = useCallback(() => setChecks((c) => c + 1), []);
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
  const history = useHistory(snapshot, restore, recheck);
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

  // A node added while another is selected follows it (its first free way out), and its required
  // inputs that a variable in scope names are filled with it: building a chain is drop, drop, drop.
  const typesRef = useRef<{ id: string; inputs?: { name: string; required?: boolean }[] }[]>([]);
  const addNode = useCallback((item: PaletteItem, position?: { x: number; y: number }) => {
    remember();
    const after = !position && selectedId ? current.current.nodes.find((n) => n.id === selectedId && !n.parentId) : undefined;
    let added: Canvas & { id: string } = addState(current.current, item, position ?? (after ? placeAfter(current.current.nodes, after) : undefined));
    added = { ...follow(added, selectedId, added.id), id: added.id };
    if (item.kind === 'node') {
      const required = (typesRef.current.find((t) => t.id === item.nodeType)?.inputs ?? []).filter((p) => p.required).map((p) => p.name);
      const node = added.nodes.find((n) => n.id === added.id)!;
      const scope = variablesAt({ nodes: added.nodes as GraphNode[], edges: added.edges as GraphEdge[], workflow: current.current.workflow },
        added.id, () => [], [], []);
      const state = fillByName(node.data.state, required, scope);
      if (state !== node.data.state) added = { ...added, nodes: withState(added.nodes, added.id, state) };
    }
    apply(added);
    setSelectedId(added.id);
    // Brought into view when it landed outside it (a double-click adds it after the selected node).
    const placed = added.nodes.find((n) => n.id === added.id);
    const box = document.querySelector('[data-testid="canvas"]')?.getBoundingClientRect();
    if (placed && box && !placed.parentId) {
      const corner = flowToScreenPosition(placed.position);
      const far = flowToScreenPosition({ x: placed.position.x + 200, y: placed.position.y + 64 });
      if (corner.x < box.left || corner.y < box.top || far.x > box.right || far.y > box.bottom) {
        window.requestAnimationFrame(() => setCenter(placed.position.x + 100, placed.position.y + 32, { zoom: getZoom() }));
      }
    }
  }, [remember, apply, selectedId, flowToScreenPosition, setCenter, getZoom]);

  const onNodeDragStop = useCallback((_: unknown, dragged: Node) => {
    setNodes(dropInto(current.current, dragged.id));
    recheck();
  }, [setNodes, recheck]);

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

  const onMoveSlots = useCallback((nodeId: string, moves: Record<string, string | null>, state: JsonObject) => {
    remember();
    apply(moveSlots(current.current, nodeId, moves, state));
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

  const [saving, setSaving] = useState(false);
  const save = async (): Promise<boolean> => {
    const definition = toDefinition(graph());
    setSaving(true);
    try {
      const { data } = await dataProvider.update<WorkflowRecord>('workflows', { id: record.id,
        data: { definition, version, triggerEvent: triggerEvent.trim() === '' ? null : triggerEvent.trim() }, previousData: record });
      setVersion(data.version);
      markProblems([]);
      saved.current = { definition, trigger: triggerEvent };
      recheck();
      notify(`Saved: version ${data.version} is live`, { type: 'success' });
      return true;
    } catch (e) {
      const body = (e as { body?: { details?: Problem[] } }).body;
      if (body?.details) markProblems(body.details);
      notify((e as Error).message, { type: 'error' });
      return false;
    } finally {
      setSaving(false);
    }
  };
  useEffect(() => {
    setChanges(changesBetween(saved.current, { definition: toDefinition(graph()), trigger: triggerEvent }));
  }, [checks, triggerEvent, graph]);

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

  // Copy, paste and duplicate go through the clipboard as definition JSON (another workflow's
  // editor can paste them); an in-page copy stands in where the browser refuses the clipboard.
  const copiedHere = useRef<string | null>(null);
  const selectedIds = useCallback(() => {
    const chosen = current.current.nodes.filter((n) => n.selected && n.id !== TRIGGER_ID && !n.parentId).map((n) => n.id);
    return chosen.length > 0 ? chosen : selectedId && selectedId !== TRIGGER_ID ? [selectedId] : [];
  }, [selectedId]);
  const copy = useCallback(async (): Promise<string | null> => {
    const ids = selectedIds();
    if (ids.length === 0) return null;
    const { copied, skipped } = copyStates(toDefinition(graph()), ids);
    if (skipped.length) notify(`Not copied (they hold states of their own): ${skipped.join(', ')}`, { type: 'warning' });
    if (Object.keys(copied.ovenStates).length === 0) return null;
    const text = JSON.stringify(copied, null, 2);
    copiedHere.current = text;
    await navigator.clipboard?.writeText(text).catch(() => undefined);
    return text;
  }, [selectedIds, graph, notify]);
  const paste = useCallback((text: string | null) => {
    const copied = text ? readCopied(text) : undefined;
    if (!copied) return;
    remember();
    const pasted = pasteStates(toDefinition(graph()), copied);
    const next = toGraph(pasted.definition);
    const fresh = new Set(pasted.ids);
    apply({ nodes: next.nodes.map((n) => ({ ...n, selected: fresh.has(n.id), deletable: n.id !== TRIGGER_ID })) as FlowNode[],
      edges: next.edges as FlowEdge[] });
    setSelectedId(pasted.ids[0] ?? null);
    notify(`Pasted ${pasted.ids.join(', ')}`, { type: 'info' });
  }, [remember, graph, apply, notify]);
  const [helpOpen, setHelpOpen] = useState(false);
  const saveRef = useRef<() => void>(() => undefined);
  saveRef.current = () => { if (!saving) void save(); };
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const target = e.target as HTMLElement;
      const typing = !!target.closest('input, textarea, [contenteditable]');
      const mod = e.ctrlKey || e.metaKey;
      if (mod && e.key.toLowerCase() === 's') {
        e.preventDefault();
        saveRef.current();
      } else if (typing) {
        return;
      } else if (mod && e.key.toLowerCase() === 'c') {
        void copy();
      } else if (mod && e.key.toLowerCase() === 'v') {
        e.preventDefault();
        const read = navigator.clipboard?.readText ? navigator.clipboard.readText() : Promise.reject(new Error('no clipboard'));
        read.then((t) => paste(readCopied(t) ? t : copiedHere.current), () => paste(copiedHere.current));
      } else if (mod && e.key.toLowerCase() === 'd') {
        e.preventDefault();
        void copy().then(paste);
      } else if (e.key === '?') {
        setHelpOpen(true);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [copy, paste]);

  const direction = directionOf(workflow);
  const autoLayout = (to: Direction = direction) => {
    remember();
    if (to !== direction) {
      // The direction is part of the workflow (meta.layout), so everyone opens it the same way.
      const meta = isObject(workflow.meta) ? workflow.meta : {};
      const { layout: _old, ...rest } = meta as JsonObject;
      setWorkflow(to === 'LR' ? { ...workflow, meta: { ...rest, layout: 'LR' } }
        : (Object.keys(rest).length ? { ...workflow, meta: rest } : (({ meta: _m, ...w }) => w)(workflow)));
    }
    const first = current.current.edges.find((e) => e.source === TRIGGER_ID)?.target;
    setNodes((ns) => placeTrigger(layout(ns as GraphNode[], current.current.edges as GraphEdge[], false, new Set(), to), first, to) as FlowNode[]);
    recheck();
    window.requestAnimationFrame(() => fitView({ padding: 0.2 }));
  };

  // The run overlay: each node's status in the run on the canvas.
  const overlay = useRunOverlay(runId);
  const taken = useMemo(() => (overlay.rows.length || overlay.ended
    ? takenPath(current.current.nodes as GraphNode[], current.current.edges as GraphEdge[], overlay.rows,
      { currentState: overlay.currentState, ended: overlay.ended, context: overlay.context })
    : undefined), [overlay]);
  useEffect(() => {
    setNodes((ns) => ns.map((n) => (n.id === TRIGGER_ID ? n : { ...n, data: { ...n.data, status: overlay.statusOf(n.id),
      outcome: outcomeText(n as GraphNode, taken?.decisions.get(n.id)) } })));
    // The edges the run went along are drawn green and thick (a problem's red stays).
    setEdges((es) => es.map((e) => {
      const on = !!taken?.edges.has(e.id);
      const problem = e.style?.stroke === '#c62828';
      return { ...e, className: on ? 'oven-taken' : undefined,
        style: problem ? e.style : on ? { stroke: '#2e7d32', strokeWidth: 3 } : undefined };
    }));
  }, [overlay, taken, setNodes, setEdges]);
  useEffect(() => {
    if (overlay.error) notify(overlay.error.message, { type: 'error' });
  }, [overlay.error, notify]);
  useWatchRuns(record.id, watching, useCallback((latest: string) => setRunId(latest), []));

  const { data: modules = [] } = useGetList('modules', { pagination: { page: 1, perPage: 100 } });
  const { data: types = [] } = useGetList('node-types', { pagination: { page: 1, perPage: 1000 } });
  typesRef.current = types as typeof typesRef.current;
  const selected = nodes.find((n) => n.id === selectedId) ?? null;
  // The picker's nested fields come from the run on the canvas, else from the workflow's latest run.
  const { data: latest = [] } = useGetList('workflow-executions', { pagination: { page: 1, perPage: 1 },
    sort: { field: 'id', order: 'DESC' }, filter: { workflowId: record.id } }, { enabled: !runId });
  const runContext = runId ? overlay.context : latest[0]?.context;
  const declared = useCallback((includeSelf: boolean) => (selected ? variablesAt({ nodes: nodes as GraphNode[], edges: edges as GraphEdge[], workflow },
    selected.id, (t) => ((types.find((x) => x.id === t)?.outputs ?? []) as { name: string }[]).map((o) => o.name),
    modules.flatMap((m) => ((m.config ?? []) as { key: string }[]).map((k) => `${m.name}.${k.key}`)),
    (modules.flatMap((m) => (m.events ?? []) as { name: string; payload?: { name: string }[] }[])
      .find((e) => e.name === triggerEvent.trim())?.payload ?? []).map((p) => p.name), includeSelf) : []),
  [selected, nodes, edges, workflow, types, modules, triggerEvent]);
  const variables = useMemo(() => withRunFields(declared(false), runContext), [declared, runContext]);
  // A node's branches test what it answered: they are offered its own output as well.
  const branchVariables = useMemo(() => withRunFields(declared(true), runContext), [declared, runContext]);

  const [showMap, setShowMap] = useState(() => initial.nodes.length > 20);
  const labelled = useEdgeLabels(edges, nodes);

  return (
    <Box sx={{ display: 'flex', flexDirection: 'column', height: 'calc(100vh - 64px)', mx: -2 }} data-testid="workflow-editor">
      <EditorToolbar workflowId={record.id} name={record.name} version={version} changes={changes} saving={saving}
        onSave={save} onValidate={validate} onExecute={() => setExecuteOpen(true)}
        onSaveAndRun={async () => { if (await save()) setExecuteOpen(true); }} onLayout={() => autoLayout()}
        direction={direction} onDirection={(d) => autoLayout(d)}
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
          <DirectionContext.Provider value={direction}>
          <ReactFlow nodes={nodes} edges={labelled} nodeTypes={nodeTypes} onNodesChange={onNodesChange} onEdgesChange={onEdgesChange}
            onConnect={onConnect} onNodeClick={(_, n) => setSelectedId(n.id)} onPaneClick={() => setSelectedId(null)}
            onNodeDragStart={remember} onNodeDragStop={onNodeDragStop} onBeforeDelete={async () => { remember(); return true; }}
            onNodesDelete={() => setSelectedId(null)} onInit={(flow) => flow.fitView(initialView(current.current.nodes as GraphNode[], direction,
              document.querySelector('[data-testid="canvas"]')?.getBoundingClientRect()) as FitViewOptions<FlowNode>)}
            minZoom={0.1} deleteKeyCode={['Backspace', 'Delete']} multiSelectionKeyCode="Shift"
            defaultEdgeOptions={{ type: 'smoothstep' }}>
            <Background />
            <Controls>
              <ControlButton onClick={() => setShowMap((m) => !m)} title={showMap ? 'Hide the map' : 'Show the map'} data-testid="toggle-map">
                <MapIcon fontSize="small" />
              </ControlButton>
              <ControlButton onClick={() => setHelpOpen(true)} title="Keyboard shortcuts (?)" data-testid="show-shortcuts">
                <KeyboardIcon fontSize="small" />
              </ControlButton>
            </Controls>
            {/* Top right and small: the flow starts top left, where the map would cover it. */}
            {showMap && <MiniMap pannable zoomable position="top-right" style={{ width: 140, height: 90, opacity: 0.9 }} />}
          </ReactFlow>
          </DirectionContext.Provider>
        </Box>
        <Inspector node={selected as GraphNode | null} workflowId={record.id} runId={runId} unsaved={changes === 'logic'} workflow={workflow} triggerEvent={triggerEvent} variables={variables}
          branchVariables={branchVariables}
          targets={Object.fromEntries(edges.filter((e) => e.source === selectedId).map((e) => [e.data?.slot ?? '', e.target]))}
          runs={selected ? overlay.runs.get(selected.id) ?? [] : []}
          decision={selected ? taken?.decisions.get(selected.id) : undefined} lists={lists} onState={setState} onRenameSlot={onRenameSlot}
          onMoveSlots={onMoveSlots}
          onWorkflow={(w) => { remember(); setWorkflow(w); }}
          onPayloadField={(name, type) => {
            const schema = Array.isArray(workflow.payloadSchema) ? workflow.payloadSchema as JsonObject[] : [];
            if (schema.some((f) => f.name === name)) return;
            remember();
            setWorkflow({ ...workflow, payloadSchema: [...schema, { name, type, required: true }] });
          }} onTriggerEvent={(t) => setTriggerEvent(t)}
          onDelete={deleteNode} onRename={rename} />
      </Box>
      <ExecuteDialog open={executeOpen} onClose={() => setExecuteOpen(false)} workflow={workflow}
        pins={nodes.filter((n) => isPinned(n.data.state)).length}
        onRun={async (params, test) => {
          try {
            const started = await dataProvider.execute(record.id, params, test);
            setExecuteOpen(false);
            setRunId(String(started.executionId));
            notify(`Execution ${started.executionId} started`, { type: 'info' });
          } catch (e) {
            notify((e as Error).message, { type: 'error' });
          }
        }} />
      <LeaveGuard changes={changes} onSave={save} />
      <ShortcutsDialog open={helpOpen} onClose={() => setHelpOpen(false)} />
      <VersionsDialog open={versionsOpen} onClose={() => setVersionsOpen(false)} workflowId={record.id} version={version}
        current={() => toDefinition(graph())} onRestored={() => { setVersionsOpen(false); reload(); }} />
    </Box>
  );
}
