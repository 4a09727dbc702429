// Decorative icons drawn inline, so pages need no image requests; screen readers skip them.
const PATHS = {
  check: 'M8 12.5l2.5 2.5L16 9.5',
  info: 'M12 11v5M12 8h.01',
  alert: 'M12 7.5v5.5M12 16.5h.01',
};

export function Icon(p: { name: keyof typeof PATHS }) {
  return (
    <svg class={`icon icon-${p.name}`} viewBox="0 0 24 24" width="40" height="40" aria-hidden="true" focusable="false">
      <circle cx="12" cy="12" r="10" fill="none" stroke="currentColor" stroke-width="1.75" />
      <path d={PATHS[p.name]} fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round" />
    </svg>
  );
}
