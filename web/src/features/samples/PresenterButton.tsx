import { usePresenterRoute } from './presenterRoute.ts';

/** The header button that opens the presenter view. */
export function PresenterButton() {
  const route = usePresenterRoute();
  return (
    <button
      type="button"
      onClick={route.show}
      className="rounded-md border border-neutral-700 px-3 py-1.5 text-xs font-medium text-neutral-200 transition hover:border-neutral-500 hover:bg-neutral-800"
    >
      Present
    </button>
  );
}
