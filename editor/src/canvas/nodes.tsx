import { createContext, memo, useContext, useEffect } from 'react';
import { Handle, Position, useUpdateNodeInternals } from '@xyflow/react';
import type { Node, NodeProps } from '@xyflow/react';
import { Box, Tooltip, Typography } from '@mui/material';
import type { Direction, Kind, StateNodeData } from '../converters';
import { descriptorOf, KINDS } from '../kinds';
import { handlesOf } from './handles';
import PushPinIcon from '@mui/icons-material/PushPin';
import { isPinned } from '../panels/TestStepPanel';

export type StateFlowNode = Node<StateNodeData, Kind>;

/** The canvas's direction: handles leave at the bottom (top to bottom) or on the right (left to right). */
export const DirectionContext = createContext<Direction>('TB');

/** Run status → look (DESIGN §9): completed green, running yellow pulse, failed red, skipped dimmed. */
const STATUS_STYLES: Record<string, object> = {
  completed: { bgcolor: '#c8e6c9', borderColor: '#2e7d32' },
  running: { bgcolor: '#fff59d', borderColor: '#f9a825', animation: 'oven-pulse 1s ease-in-out infinite' },
  failed: { bgcolor: '#ffcdd2', borderColor: '#c62828' },
  skipped: { opacity: 0.4 },
  pinned: { bgcolor: '#bbdefb', borderColor: '#1565c0' },
};

function label(data: StateNodeData): string {
  if (data.stateId === '__trigger') return 'Trigger';
  const meta = data.state.meta as { label?: string } | undefined;
  return meta?.label ?? data.region ?? data.stateId;
}

function subtitle(kind: Kind, data: StateNodeData): string {
  return descriptorOf(kind).subtitle(data.state);
}

function SourceHandles({ id, kind, data }: { id: string; kind: Kind; data: StateNodeData }) {
  const handles = handlesOf(kind, data.state);
  const lr = useContext(DirectionContext) === 'LR';
  // React Flow measures handles when a node appears or resizes: one added later (a new branch)
  // could not be dragged from until it is told.
  const updateNodeInternals = useUpdateNodeInternals();
  const slots = handles.map((h) => h.slot).join('|');
  useEffect(() => { updateNodeInternals(id); }, [id, slots, lr, updateNodeInternals]);
  return (
    <>
      {handles.map((h, i) => {
        const at = `${((i + 1) * 100) / (handles.length + 1)}%`;
        // Each label keeps to its handle's share of the width (the edge carries the whole text).
        const room = Math.max(24, Math.floor(200 / (handles.length + 1)) - 4);
        return (
          <Handle key={h.slot} id={h.slot} type="source" position={lr ? Position.Right : Position.Bottom} data-testid={`handle-${data.stateId}-${h.slot}`}
            style={{ ...(lr ? { top: at } : { left: at }), background: h.error ? '#c62828' : '#555', width: 10, height: 10 }}>
            {h.label && (
              <Typography component="span" title={h.label} sx={{ position: 'absolute',
                ...(lr ? { left: 12, top: '50%', transform: 'translateY(-50%)' } : { top: 10, left: '50%', transform: 'translateX(-50%)' }),
                fontSize: 10, whiteSpace: 'nowrap', overflow: 'hidden', textOverflow: 'ellipsis', maxWidth: lr ? 80 : room,
                color: h.error ? '#c62828' : 'text.secondary', pointerEvents: 'none' }}>
                {h.label}
              </Typography>
            )}
          </Handle>
        );
      })}
    </>
  );
}

function Problems({ problems }: { problems?: string[] }) {
  if (!problems?.length) return null;
  return (
    <Tooltip title={problems.join('\n')}>
      <Box data-testid="node-problem" sx={{ position: 'absolute', top: -10, right: -10, bgcolor: '#c62828', color: 'white',
        borderRadius: '50%', width: 20, height: 20, fontSize: 12, textAlign: 'center', lineHeight: '20px' }}>!</Box>
    </Tooltip>
  );
}

/** Every state that is not a group: a box in its kind's colour; End a red circle. */
export const StateNode = memo(function StateNode({ id, data, type, selected }: NodeProps<StateFlowNode>) {
  const color = descriptorOf(type).color;
  const lr = useContext(DirectionContext) === 'LR';
  const end = type === 'end';
  return (
    <Box data-testid={`node-${data.stateId}`} data-status={data.status ?? ''} data-kind={type}
      sx={{
        position: 'relative', width: end ? 64 : 200, height: 64, borderRadius: end ? '50%' : 1.5,
        border: `2px solid ${data.problems?.length ? '#c62828' : color}`, bgcolor: 'background.paper',
        boxShadow: selected ? `0 0 0 3px ${color}55` : 1, display: 'flex', flexDirection: 'column',
        justifyContent: 'center', alignItems: 'center', px: 1, mx: end ? 'auto' : 0,
        outline: data.problems?.length ? '3px solid #c6282866' : 'none',
        ...(data.status ? STATUS_STYLES[data.status] : {}),
      }}>
      {type !== 'trigger' && <Handle type="target" position={lr ? Position.Left : Position.Top} id="in" />}
      <Box sx={{ position: 'absolute', left: 0, top: 0, bottom: 0, width: end ? 0 : 6, bgcolor: color,
        borderRadius: '6px 0 0 6px' }} />
      <Typography variant="body2" noWrap sx={{ fontWeight: 600, maxWidth: end ? 56 : 180, fontSize: end ? 11 : 14 }}>
        {label(data)}
      </Typography>
      {!end && !data.outcome && <Typography variant="caption" noWrap color="text.secondary" sx={{ maxWidth: 180 }}>{subtitle(type, data)}</Typography>}
      {data.outcome && (
        <Typography variant="caption" noWrap data-testid={`outcome-${data.stateId}`} sx={{ maxWidth: 180, color: '#1b5e20', fontWeight: 600 }}>
          {data.outcome}
        </Typography>
      )}
      <SourceHandles id={id} kind={type} data={data} />
      <Problems problems={data.problems} />
      {isPinned(data.state) && (
        <Tooltip title="Output pinned: test runs use it instead of running this node">
          <PushPinIcon data-testid={`pin-${data.stateId}`} sx={{ position: 'absolute', top: 2, right: 4, fontSize: 14, color: '#1565c0' }} />
        </Tooltip>
      )}
    </Box>
  );
});

/** Kinds drawn as groups (parallel states, their regions, loops): a labelled frame around the states inside. */
export const GroupNode = memo(function GroupNode({ id, data, type, selected }: NodeProps<StateFlowNode>) {
  const color = descriptorOf(type).color;
  return (
    <Box data-testid={`node-${data.stateId}`} data-status={data.status ?? ''} data-kind={type}
      sx={{ width: '100%', height: '100%', border: `2px dashed ${data.problems?.length ? '#c62828' : color}`,
        borderRadius: 2, bgcolor: `${color}10`, position: 'relative',
        boxShadow: selected ? `0 0 0 3px ${color}55` : 0, ...(data.status ? STATUS_STYLES[data.status] : {}) }}>
      {type !== 'region' && <Handle type="target" position={Position.Top} id="in" />}
      <Typography variant="caption" sx={{ position: 'absolute', top: 4, left: 8, fontWeight: 600, color }}>
        {type === 'region' ? `region ${label(data)}` : `${label(data)} · ${subtitle(type, data)}`}
      </Typography>
      <SourceHandles id={id} kind={type} data={data} />
      <Problems problems={data.problems} />
    </Box>
  );
});

/** Module-scope, so React Flow does not re-create node components on every render: one entry per kind. */
export const nodeTypes = Object.fromEntries(KINDS.map((k) => [k.kind, k.group ? GroupNode : StateNode]));
