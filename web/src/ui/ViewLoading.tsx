/** Stand-in while a lazily loaded view's code arrives: drawn in the view's own box, so nothing shifts. */
export function ViewLoading({ label, className }: { label: string; className: string }) {
  return (
    <div role="status" className={className}>
      <span className="text-sm text-neutral-500">{label}</span>
    </div>
  );
}
