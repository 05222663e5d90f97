import { useEffect, useState } from 'react';
import type { Editor } from '../../editor/Editor.ts';
import { Workspace } from './workspace.ts';

/** The studio's workspace over its editor, following the editor while mounted. */
export function useWorkspace(editor: Editor): Workspace {
  const [workspace] = useState(() => new Workspace(editor));
  useEffect(() => workspace.attach(), [workspace]);
  return workspace;
}
