import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { useState } from 'react';
import { EditorProvider } from './canvas/EditorContext.tsx';
import { Editor } from './editor/Editor.ts';
import { createPromptStore } from './features/prompt/promptStore.ts';
import { PromptProvider } from './features/prompt/PromptContext.tsx';
import { Studio } from './Studio.tsx';

export function App() {
  const [queryClient] = useState(
    () => new QueryClient({ defaultOptions: { queries: { retry: 1, refetchOnWindowFocus: false } } }),
  );
  const [editor] = useState(() => new Editor());
  const [prompt] = useState(createPromptStore);
  return (
    <QueryClientProvider client={queryClient}>
      <EditorProvider editor={editor}>
        <PromptProvider store={prompt}>
          <Studio />
        </PromptProvider>
      </EditorProvider>
    </QueryClientProvider>
  );
}
