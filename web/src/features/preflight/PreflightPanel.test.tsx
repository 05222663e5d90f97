import type { ProviderInfo, ProviderList } from '@maskfill/server/contract';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { EditorProvider } from '../../canvas/EditorContext.tsx';
import { TestEditor } from '../../editor/TestEditor.ts';
import { PromptPanel } from '../prompt/PromptPanel.tsx';
import { PromptProvider } from '../prompt/PromptContext.tsx';
import { createPromptStore } from '../prompt/promptStore.ts';
import { PreflightBar } from './PreflightPanel.tsx';
import { usePreflight } from './usePreflight.ts';

const base = {
  available: true,
  maxVariations: 4,
  promptRequired: false,
  usesPrompt: true,
  supports: { negativePrompt: false, seeds: true, locale: false, cancel: 'always' as const },
  options: [],
};
// Input rules as /api/providers serves them; the bar has no other source for them.
const local: ProviderInfo = {
  ...base,
  id: 'local',
  label: 'Local fill',
  sizes: null,
  anySize: true,
  inputs: { minLongSide: null, refusesFullMask: true, fit: 'cover' },
};
const firefly: ProviderInfo = {
  ...base,
  id: 'firefly',
  label: 'Adobe Firefly',
  sizes: [
    { width: 1024, height: 1024 },
    { width: 1344, height: 768 },
  ],
  anySize: false,
  inputs: { minLongSide: 600, refusesFullMask: false, fit: 'unknown' },
};

function Bar({
  provider,
  output,
}: {
  provider: ProviderInfo;
  output: { width: number; height: number } | null;
}) {
  const preflight = usePreflight(provider, output);
  return <PreflightBar preflight={preflight} provider={provider} refused={false} />;
}

function mount(editor: TestEditor, provider: ProviderInfo, output: { width: number; height: number } | null) {
  return render(
    <EditorProvider editor={editor}>
      <Bar provider={provider} output={output} />
    </EditorProvider>,
  );
}

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const codes = () =>
  within(screen.getByRole('list', { name: 'Preflight warnings' }))
    .getAllByRole('listitem')
    .map((li) => li.dataset.code);

describe('PreflightBar', () => {
  it('shows the warnings inline and updates them as the mask changes', () => {
    const editor = new TestEditor(40, 20, { brushSize: 4 });
    mount(editor, local, null);
    expect(codes()).toEqual(['mask-empty']);
    act(() => void editor.drag([5, 10], [15, 10]));
    expect(screen.queryByRole('list', { name: 'Preflight warnings' })).toBeNull();
    act(() => void editor.fillAll());
    expect(codes()).toEqual(['mask-full']);
    expect(screen.getByText(/Local fill needs some unmasked area/)).toBeTruthy();
  });

  it('opens a dialog with the send size, the mask drawn at that size and the output frame', async () => {
    // 400 × 200 is below Firefly's 600 px: sent as 600 × 300; a square output differs in shape.
    const editor = new TestEditor(400, 200);
    editor.drag([100, 100], [300, 100]);
    mount(editor, firefly, { width: 1024, height: 1024 });
    expect(codes()).toEqual(['aspect-mismatch', 'below-min-side']);
    fireEvent.click(screen.getByRole('button', { name: 'Preflight' }));
    const dialog = screen.getByRole('dialog', { name: 'Preflight' });
    expect(within(dialog).getByTestId('preflight-send-size').textContent).toBe(
      '600 × 300 px (scaled up from 400 × 200 px)',
    );
    expect(within(dialog).getByTestId('preflight-output-size').textContent).toBe('1024 × 1024 px');
    const mask = within(dialog).getByTestId('preflight-mask') as HTMLCanvasElement;
    await waitFor(() => expect([mask.width, mask.height]).toEqual([600, 300]));
    const ctx = mask.getContext('2d')!;
    expect(ctx.imageSmoothingEnabled).toBe(false);
    // The crop of a square output over a 2:1 image is its centre square; the letterbox pads top and bottom.
    const frame = within(dialog).getByTestId('preflight-frame');
    expect(frame.dataset.crop).toBe('100,0,200,200');
    expect(frame.dataset.letterbox).toBe('0,-100,400,400');
    expect(within(dialog).getByText(/letterbox/)).toBeTruthy();
    expect(within(dialog).getAllByRole('listitem')).toHaveLength(2);
  });

  it('follows the rules the provider list serves, not a copy of them', async () => {
    const editor = new TestEditor(400, 200, { brushSize: 4 });
    editor.fillAll();
    // The same local engine, had the server said: scale up to 1000 px, full masks allowed, fit unknown.
    const served: ProviderInfo = {
      ...local,
      inputs: { minLongSide: 1000, refusesFullMask: false, fit: 'unknown' },
    };
    mount(editor, served, { width: 1024, height: 1024 });
    expect(codes()).toEqual(['mask-full', 'aspect-mismatch', 'below-min-side']);
    expect(screen.getByText(/scaled up to 1000 × 500 before sending/)).toBeTruthy();
    expect(screen.queryByText(/needs some unmasked area/)).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Preflight' }));
    const dialog = screen.getByRole('dialog', { name: 'Preflight' });
    expect(within(dialog).getByTestId('preflight-send-size').textContent).toBe(
      '1000 × 500 px (scaled up from 400 × 200 px)',
    );
    // fit 'unknown' shows the letterbox as well as the crop.
    expect(within(dialog).getByText(/letterbox/)).toBeTruthy();
  });

  it('says so when there is nothing to warn about', async () => {
    const editor = new TestEditor(800, 600);
    editor.drag([100, 100], [300, 100]);
    mount(editor, local, { width: 1024, height: 768 });
    fireEvent.click(screen.getByRole('button', { name: 'Preflight' }));
    const dialog = screen.getByRole('dialog', { name: 'Preflight' });
    expect(within(dialog).getByText(/No warnings/)).toBeTruthy();
    expect(within(dialog).getByTestId('preflight-frame').dataset.aspectDiffers).toBe('false');
    fireEvent.click(within(dialog).getByRole('button', { name: 'Close' }));
    expect(screen.queryByRole('dialog', { name: 'Preflight' })).toBeNull();
  });
});

describe('Generate with a mask the server would refuse', () => {
  it('explains why instead of sending, then sends once the mask is painted', async () => {
    const list: ProviderList = { default: 'local', providers: [local] };
    const fetch = vi.fn(async (url: string) =>
      url.endsWith('/api/providers')
        ? new Response(JSON.stringify(list), { headers: { 'Content-Type': 'application/json' } })
        : new Response(JSON.stringify({ error: { code: 'test', message: 'stop here' } }), { status: 500 }),
    );
    vi.stubGlobal('fetch', fetch);
    const editor = new TestEditor(64, 48, { brushSize: 4 });
    render(
      <QueryClientProvider client={new QueryClient({ defaultOptions: { queries: { retry: false } } })}>
        <EditorProvider editor={editor}>
          <PromptProvider store={createPromptStore()}>
            <PromptPanel />
          </PromptProvider>
        </EditorProvider>
      </QueryClientProvider>,
    );
    await waitFor(() => expect(screen.getByLabelText('Provider')).toHaveProperty('value', 'local'));
    fireEvent.click(screen.getByRole('button', { name: 'Generate' }));
    expect(screen.getByRole('alert').textContent).toBe('The mask is empty: paint the area to fill.');
    expect(fetch.mock.calls.map((c) => c[0])).toEqual([expect.stringMatching(/\/api\/providers$/)]);
    act(() => void editor.drag([10, 10], [30, 10]));
    fireEvent.click(screen.getByRole('button', { name: 'Generate' }));
    await waitFor(() => expect(fetch.mock.calls.length).toBeGreaterThan(1));
  });
});
