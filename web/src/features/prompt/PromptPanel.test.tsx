import type { ProviderList } from '@maskfill/server/contract';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { EditorProvider } from '../../canvas/EditorContext.tsx';
import { TestEditor } from '../../editor/TestEditor.ts';
import { PromptPanel } from './PromptPanel.tsx';
import { PromptProvider } from './PromptContext.tsx';
import { createPromptStore } from './promptStore.ts';

const providers: ProviderList = {
  default: 'local',
  providers: [
    {
      id: 'local',
      label: 'Local content-aware fill',
      available: true,
      sizes: null,
      anySize: true,
      maxVariations: 4,
      promptRequired: false,
      usesPrompt: false,
      supports: { negativePrompt: false, seeds: true, locale: false, cancel: 'always' },
      options: [
        {
          type: 'enum',
          key: 'method',
          label: 'Method',
          default: 'auto',
          values: [
            { value: 'auto', label: 'Auto' },
            { value: 'diffusion', label: 'Diffusion' },
          ],
        },
        { type: 'boolean', key: 'blend', label: 'Blend edges', default: true },
        { type: 'integer', key: 'iterations', label: 'Iterations', min: 1, max: 10, default: 4 },
      ],
    },
    {
      id: 'firefly',
      label: 'Adobe Firefly',
      available: false,
      unavailableReason: 'Set FIREFLY_SERVICES_CLIENT_ID on the server.',
      sizes: [{ width: 2048, height: 2048 }],
      anySize: false,
      maxVariations: 4,
      promptRequired: false,
      usesPrompt: true,
      supports: { negativePrompt: true, seeds: true, locale: true, cancel: 'always' },
      options: [],
    },
    {
      id: 'fal',
      label: 'FLUX.1 Fill',
      available: true,
      sizes: null,
      anySize: false,
      maxVariations: 2,
      promptRequired: true,
      usesPrompt: true,
      supports: { negativePrompt: false, seeds: true, locale: false, cancel: 'before_start' },
      options: [],
      pricing: { usdPerMegapixelPerImage: 0.05 },
    },
  ],
};

function setup() {
  vi.stubGlobal(
    'fetch',
    vi.fn(
      async () =>
        new Response(JSON.stringify(providers), { headers: { 'Content-Type': 'application/json' } }),
    ),
  );
  const prompt = createPromptStore();
  const editor = new TestEditor(64, 48);
  render(
    <QueryClientProvider client={new QueryClient({ defaultOptions: { queries: { retry: false } } })}>
      <EditorProvider editor={editor}>
        <PromptProvider store={prompt}>
          <PromptPanel />
        </PromptProvider>
      </EditorProvider>
    </QueryClientProvider>,
  );
  return { prompt, editor };
}

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe('PromptPanel', () => {
  it('lists providers, disabling unavailable ones and showing why', async () => {
    setup();
    const select = screen.getByLabelText('Provider');
    await waitFor(() => expect(select).toHaveProperty('value', 'local'));
    const firefly = screen.getByRole('option', { name: /Adobe Firefly/ });
    expect(firefly).toHaveProperty('disabled', true);
    expect(screen.getByText(/Set FIREFLY_SERVICES_CLIENT_ID on the server\./)).toBeTruthy();
    expect(screen.getByRole('option', { name: 'FLUX.1 Fill' })).toHaveProperty('disabled', false);
  });

  it('renders provider options from their description and stores changes', async () => {
    const { prompt } = setup();
    const method = await screen.findByLabelText('Method');
    expect(method.tagName).toBe('SELECT');
    expect(screen.getByLabelText('Blend edges')).toHaveProperty('checked', true);
    const iterations = screen.getByLabelText('Iterations');
    expect(iterations).toHaveProperty('type', 'number');
    fireEvent.change(method, { target: { value: 'diffusion' } });
    fireEvent.click(screen.getByLabelText('Blend edges'));
    fireEvent.change(iterations, { target: { value: '99' } });
    expect(prompt.getState().options.local).toEqual({ method: 'diffusion', blend: false, iterations: 10 });
  });

  it('says the local engine ignores the prompt and offers the source size', async () => {
    setup();
    await screen.findByLabelText('Method');
    expect(screen.getByText(/The local engine ignores the prompt/)).toBeTruthy();
    expect(screen.getByRole('option', { name: 'Same as source (64 × 48)' })).toBeTruthy();
    expect(screen.queryByLabelText('Negative prompt')).toBeNull();
    expect(screen.getAllByRole('option', { name: /^[1-4]$/ })).toHaveLength(4);
  });

  it('blocks Generate while a required prompt is empty', async () => {
    const { prompt } = setup();
    await screen.findByLabelText('Method');
    const generate = screen.getByRole('button', { name: 'Generate' });
    expect(generate).toHaveProperty('disabled', false);
    fireEvent.change(screen.getByLabelText('Provider'), { target: { value: 'fal' } });
    expect(prompt.getState().provider).toBe('fal');
    expect(screen.getByText(/A prompt is required for FLUX\.1 Fill/)).toBeTruthy();
    expect(generate).toHaveProperty('disabled', true);
    // fal allows two variations only.
    expect(screen.getAllByRole('option', { name: /^[1-4]$/ })).toHaveLength(2);
    fireEvent.change(screen.getByLabelText('Prompt'), { target: { value: 'a wooden bench' } });
    expect(generate).toHaveProperty('disabled', false);
  });

  it('refuses a malformed seed', async () => {
    setup();
    await screen.findByLabelText('Method');
    fireEvent.change(screen.getByLabelText('Seed'), { target: { value: '12x' } });
    expect(screen.getByRole('button', { name: 'Generate' })).toHaveProperty('disabled', true);
    expect(screen.getByText(/Seed must be a whole number/)).toBeTruthy();
  });

  it('shows the cost before Generate: free locally, per megapixel × variations on fal', async () => {
    const { prompt } = setup();
    await screen.findByLabelText('Method');
    expect(screen.getByTestId('cost-estimate').textContent).toContain('Free');
    fireEvent.change(screen.getByLabelText('Provider'), { target: { value: 'fal' } });
    prompt.setState({ variations: 2 });
    // 64 × 48 source = 0.003072 MP; 2 images × $0.05/MP.
    await waitFor(() =>
      expect(screen.getByTestId('cost-estimate').textContent).toBe(
        'Estimated cost: ≈ $0.0003 (2 × 0.00 MP × $0.05/MP)',
      ),
    );
  });
});
