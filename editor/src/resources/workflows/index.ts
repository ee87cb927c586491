import AccountTreeIcon from '@mui/icons-material/AccountTree';
import { WorkflowCreate } from './WorkflowCreate';
import { WorkflowEdit } from './WorkflowEdit';
import { WorkflowList } from './WorkflowList';
import { WorkflowShow } from './WorkflowShow';

export default {
  list: WorkflowList,
  create: WorkflowCreate,
  edit: WorkflowEdit,
  show: WorkflowShow,
  icon: AccountTreeIcon,
  recordRepresentation: 'name',
};
