import PlaylistPlayIcon from '@mui/icons-material/PlaylistPlay';
import { ExecutionList } from './ExecutionList';
import { ExecutionShow } from './ExecutionShow';

export default {
  list: ExecutionList,
  show: ExecutionShow,
  icon: PlaylistPlayIcon,
  options: { label: 'Executions' },
  recordRepresentation: (r: { id: number }) => `#${r.id}`,
};
