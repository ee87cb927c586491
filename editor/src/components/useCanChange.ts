import { usePermissions } from 'react-admin';

/** Whether the logged-in role may change things (editor, admin): a viewer's dashboard shows no buttons that would be refused. */
export function useCanChange(): boolean {
  const { permissions } = usePermissions<string | null>();
  return permissions === 'editor' || permissions === 'admin';
}
