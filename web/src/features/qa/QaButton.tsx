import { useQaRoute } from './useQaRoute.ts';

/** The header button that opens the QA view. */
export function QaButton() {
  const route = useQaRoute();
  return (
    <button
      type="button"
      onClick={() => route.go()}
      className="flex items-center gap-2 rounded-md border border-neutral-700 px-3 py-1.5 text-xs font-medium text-neutral-200 transition hover:border-neutral-500 hover:bg-neutral-800"
    >
      Prompt QA
    </button>
  );
}
