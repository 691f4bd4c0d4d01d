import { useDocumentTitle } from '../ui/useDocumentTitle';
import { EmptyState } from '../ui/EmptyState';
import { Workspace } from './Workspace';

export function HomePage() {
  useDocumentTitle();
  return (
    <Workspace>
      <EmptyState title="Your conversations will appear here">
        When someone messages you or adds you to a room, it will show up here.
      </EmptyState>
    </Workspace>
  );
}
