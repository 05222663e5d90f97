import { Icon } from '../../ui/icons.tsx';

/** Stroke icons for the shape tools, on the shared ui/icons grid. */
export const RectIcon = () => (
  <Icon>
    <rect x="4" y="5" width="16" height="14" rx="1" strokeDasharray="3 2.5" />
  </Icon>
);
export const LassoIcon = () => (
  <Icon>
    <path d="M7 17c-3-1.5-4-4-3-6.5C5.5 6.5 11 4 16 5s5.5 5 3.5 8-7 4.5-10.5 4" strokeDasharray="3 2.5" />
    <path d="M7 17c0 2 1 3.5 3 3.5" />
  </Icon>
);
export const PolygonIcon = () => (
  <Icon>
    <path d="M5 18 4 8l9-4 7 7-5 8z" strokeDasharray="3 2.5" />
    <circle cx="4" cy="8" r="1.2" fill="currentColor" />
    <circle cx="13" cy="4" r="1.2" fill="currentColor" />
    <circle cx="20" cy="11" r="1.2" fill="currentColor" />
  </Icon>
);
export const FillIcon = () => (
  <Icon>
    <rect x="4" y="4" width="16" height="16" rx="2" fill="currentColor" fillOpacity="0.35" />
  </Icon>
);
