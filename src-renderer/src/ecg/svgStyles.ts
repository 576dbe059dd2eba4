// Presentation attributes for the ECG SVG. Attributes rather than scoped CSS so the SVG stands alone when
// it is serialised (export, print, screenshot baselines) and looks the same outside this component.
// Strokes are non-scaling, so their widths are screen px: the grid stays one line thick at every speed.

const line = { fill: 'none', 'vector-effect': 'non-scaling-stroke' } as const;

export const GRID_MINOR = { ...line, stroke: '#f8d0d6', 'stroke-width': 0.5, 'shape-rendering': 'crispEdges' } as const;
export const GRID_MAJOR = { ...line, stroke: '#ec8f9c', 'stroke-width': 1, 'shape-rendering': 'crispEdges' } as const;
export const TRACE = { ...line, stroke: '#111', 'stroke-width': 1.25, 'stroke-linejoin': 'round' } as const;
export const SEPARATOR = { ...line, stroke: '#111', 'stroke-width': 1 } as const;
export const CALIPER = { ...line, stroke: '#0969da', 'stroke-width': 1.5 } as const;

// Font sizes are in user units, i.e. mm of paper.
const text = { 'font-family': 'system-ui, sans-serif' } as const;
export const LABEL = { ...text, 'font-size': 3.5, 'font-weight': 600, fill: '#111' } as const;
export const ABSENT = { ...text, 'font-size': 3, fill: '#888', 'text-anchor': 'middle' } as const;
export const FOOTER = { ...text, 'font-size': 3, fill: '#333' } as const;
