import { css } from 'lit';

/** Styles for everything Rete renders inside the editor: nodes, sockets, wires, minimap. Light DOM under one shadow root. */
export const canvasStyles = css`
  :host {
    --lw-minimap-bg: color-mix(in srgb, var(--lw-panel) 88%, transparent);
    --lw-minimap-node: color-mix(in srgb, var(--lw-accent) 55%, var(--lw-panel));
    --lw-minimap-viewport: color-mix(in srgb, var(--lw-accent) 14%, transparent);
    display: block;
    position: relative;
    /* clip, not hidden: focusing a popup must never scroll the canvas; and no containment, so that the
       context menu's fixed position is the viewport's */
    overflow: clip;
    background-color: var(--lw-canvas);
    background-image: radial-gradient(var(--lw-grid) 1.2px, transparent 1.3px);
    background-size: 22px 22px;
    color: var(--lw-text);
    font: 13px var(--lw-font);
    outline: none;
    user-select: none;
    -webkit-user-select: none;
  }
  .canvas {
    position: absolute;
    inset: 0;
  }

  lw-node {
    display: block;
  }
  /* A node of a large graph that has not yet come near the screen (node-element.ts): its outline only. */
  .node-placeholder {
    box-sizing: border-box;
    border-radius: 12px;
    background: var(--lw-node);
    border: 1.5px solid var(--lw-border);
  }
  /* The rubber band of a Shift- or Ctrl-drag on empty canvas (box-select.ts). */
  .box-select {
    position: absolute;
    z-index: 5;
    pointer-events: none;
    border: 1px solid var(--lw-selection);
    border-radius: 2px;
    background: color-mix(in srgb, var(--lw-selection) 12%, transparent);
  }
  .node {
    box-sizing: border-box;
    display: flex;
    flex-direction: column;
    background: var(--lw-node);
    border: 1.5px solid color-mix(in srgb, var(--cat) 40%, var(--lw-border));
    border-radius: 12px;
    box-shadow: var(--lw-node-shadow);
    cursor: grab;
    position: relative;
    font-size: 12px;
    transition: box-shadow 120ms ease, border-color 120ms ease;
    /* Its size is fixed (view-model.ts): a new shape or summary lays out this node again, not the canvas.
       No paint containment: sockets sit half outside the node's edges. */
    contain: layout style;
  }
  .node:hover {
    border-color: color-mix(in srgb, var(--cat) 70%, var(--lw-border));
  }
  .node.selected {
    border-color: var(--lw-selection);
    box-shadow: 0 0 0 3px color-mix(in srgb, var(--lw-selection) 35%, transparent), var(--lw-node-shadow);
  }
  .node.error {
    border-color: var(--lw-error);
    box-shadow: 0 0 0 3px color-mix(in srgb, var(--lw-error) 28%, transparent), var(--lw-node-shadow);
  }
  .node.warning {
    border-color: var(--lw-warning);
  }
  .node.selected.error {
    box-shadow: 0 0 0 3px color-mix(in srgb, var(--lw-error) 28%, transparent), 0 0 0 6px color-mix(in srgb, var(--lw-selection) 35%, transparent);
  }
  .top {
    border-radius: 10.5px 10.5px 0 0;
    background: color-mix(in srgb, var(--cat) var(--lw-tint), var(--lw-node));
    border-bottom: 1px solid color-mix(in srgb, var(--cat) 25%, var(--lw-border));
  }
  .head {
    box-sizing: border-box;
    display: flex;
    align-items: center;
    gap: 6px;
    padding: 0 10px 0 11px;
    min-width: 0;
  }
  .cat-dot {
    width: 9px;
    height: 9px;
    border-radius: 3px;
    background: var(--cat);
    flex: none;
  }
  /* Name and kind share a baseline; the name wins the room, the kind gives way first. */
  .title {
    display: flex;
    align-items: baseline;
    gap: 6px;
    flex: 1;
    min-width: 0;
  }
  .name {
    font-weight: 650;
    font-size: 13px;
    line-height: 18px;
    white-space: nowrap;
    overflow: hidden;
    text-overflow: ellipsis;
    flex: 0 1 auto;
    min-width: 48px;
  }
  .kind {
    margin-left: auto;
    color: var(--lw-muted);
    font-size: 11px;
    white-space: nowrap;
    overflow: hidden;
    text-overflow: ellipsis;
    flex: 0 100 auto;
    min-width: 0;
  }
  .badge {
    flex: none;
    width: 16px;
    height: 16px;
    border-radius: 50%;
    display: grid;
    place-items: center;
    font-size: 11px;
    font-weight: 800;
    color: #fff;
  }
  .badge.error {
    background: var(--lw-error);
  }
  .badge.warning {
    background: var(--lw-warning);
  }
  .port-names {
    position: relative;
    box-sizing: border-box;
    flex: none;
  }
  .port-names.output {
    border-top: 1px dashed var(--lw-border);
  }
  .port-name {
    position: absolute;
    top: 50%;
    transform: translate(-50%, -50%);
    color: var(--lw-muted);
    font: 600 10.5px var(--lw-mono);
    line-height: 1;
    white-space: nowrap;
    overflow: hidden;
    text-overflow: ellipsis;
  }
  /* Clear of the socket dot that sits on the edge. */
  .port-names.input .port-name {
    top: auto;
    bottom: 2px;
    transform: translateX(-50%);
  }
  .port-names.output .port-name {
    top: 2px;
    transform: translateX(-50%);
  }
  .port-name.spare {
    opacity: 0.55;
  }
  rete-ref.socket-ref {
    position: absolute;
    display: block;
    width: 22px;
    height: 22px;
    z-index: 1;
  }
  /* Centred on the node's outer edge: the 1.5px border is outside the box these offsets start from. */
  rete-ref.socket-ref.input {
    top: -12.5px;
    margin-left: -1.5px;
  }
  rete-ref.socket-ref.output {
    bottom: -12.5px;
    margin-left: -1.5px;
  }
  lw-socket {
    display: grid;
    place-items: center;
    width: 22px;
    height: 22px;
    cursor: crosshair;
  }
  .socket-dot {
    width: 12px;
    height: 12px;
    box-sizing: border-box;
    border-radius: 50%;
    background: var(--lw-node);
    border: 2.5px solid var(--cat, var(--lw-accent));
    transition: transform 100ms ease;
  }
  lw-socket:hover .socket-dot {
    transform: scale(1.35);
    background: var(--cat, var(--lw-accent));
  }
  /* The text an edit changes: off screen, the browser skips laying it out (a big graph shows a few dozen of
     its thousand nodes). Both have a fixed height and keep their text inside. */
  .summary,
  .foot {
    content-visibility: auto;
  }
  .summary {
    box-sizing: border-box;
    display: flex;
    align-items: center;
    padding: 0 11px;
    color: var(--lw-muted);
    font-size: 11px;
    line-height: 13px;
    overflow: hidden;
  }
  .summary .defaults {
    color: var(--lw-faint);
    font-style: italic;
  }
  .summary span {
    display: -webkit-box;
    -webkit-box-orient: vertical;
    -webkit-line-clamp: 2;
    overflow: hidden;
    overflow-wrap: anywhere;
  }
  .foot {
    box-sizing: border-box;
    display: flex;
    align-items: center;
    justify-content: space-between;
    gap: 8px;
    padding: 0 11px;
    border-top: 1px dashed var(--lw-border);
    font-size: 11px;
  }
  .out-shape {
    font-family: var(--lw-mono);
    font-weight: 600;
    color: var(--lw-text);
    white-space: nowrap;
    overflow: hidden;
    text-overflow: ellipsis;
  }
  .node.error .out-shape {
    color: var(--lw-error);
  }
  .param-count {
    color: var(--lw-muted);
    white-space: nowrap;
  }
  /* The cost overlay: a heat tint from nothing to strong orange-red, over the node but under its sockets. */
  .cost-tint {
    position: absolute;
    inset: 0;
    border-radius: 10.5px;
    pointer-events: none;
    background: color-mix(in srgb, var(--lw-heat) calc(6% + var(--heat) * 52%), transparent);
    box-shadow: inset 0 0 0 2px color-mix(in srgb, var(--lw-heat) calc(var(--heat) * 90%), transparent);
  }
  .cost-tag {
    position: absolute;
    top: -11px;
    right: 10px;
    padding: 1px 7px;
    border-radius: 999px;
    background: var(--lw-heat);
    color: var(--lw-heat-text);
    font: 650 10.5px var(--lw-mono);
    white-space: nowrap;
    pointer-events: none;
  }

  .toast {
    position: absolute;
    z-index: 30;
    max-width: 360px;
    padding: 8px 12px;
    border-radius: 10px;
    background: var(--lw-error-soft);
    border: 1px solid var(--lw-error);
    color: var(--lw-text);
    font-size: 12.5px;
    line-height: 1.4;
    box-shadow: 0 6px 20px rgba(0, 0, 0, 0.18);
    pointer-events: none;
  }
  .toast.info {
    background: var(--lw-panel);
    border-color: var(--lw-border-strong);
  }
  .empty-hint {
    position: absolute;
    inset: 0;
    display: grid;
    place-items: center;
    pointer-events: none;
    color: var(--lw-muted);
    font-size: 14px;
    text-align: center;
    line-height: 1.7;
  }
  .readonly-badge {
    position: absolute;
    top: 12px;
    left: 12px;
    z-index: 5;
    padding: 4px 10px;
    border-radius: 999px;
    background: var(--lw-warning-soft);
    border: 1px solid var(--lw-warning);
    font-size: 12px;
    pointer-events: none;
  }
`;
