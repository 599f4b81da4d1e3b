/// <reference lib="dom" />
import type { Scenario } from '@jcaco/model';
import type { Frame } from './protocol.js';

/**
 * The topology view: APs (triangles) and UEs (circles) at their positions, edge servers (squares)
 * in a column beside the area; each UE is filled with its server's colour and joined to its AP.
 * Names come from the scenario and are set with `textContent` only.
 */

const SVG = 'http://www.w3.org/2000/svg';

/** Server colours: Paul Tol's "vibrant" scheme (colour-blind safe), distinct from the method colours. */
const SERVER_COLOURS = ['#0077BB', '#EE7733', '#009988', '#CC3311', '#33BBEE', '#EE3377', '#BBBBBB', '#000000'];

/**
 * The colour of server k.
 * @param k - the server index.
 * @returns a CSS colour (the scheme repeats after eight servers).
 * @example
 * serverColour(0); // → '#0077BB'
 */
function serverColour(k: number): string {
  return SERVER_COLOURS[k % SERVER_COLOURS.length]!;
}

function el<K extends keyof SVGElementTagNameMap>(
  name: K,
  attrs: Record<string, string | number>,
  parent: Element,
): SVGElementTagNameMap[K] {
  const e = document.createElementNS(SVG, name);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, String(v));
  parent.appendChild(e);
  return e;
}

/** The drawing of a scenario; {@link TopologyView.show} recolours it for a frame without rebuilding. */
export class TopologyView {
  private readonly links: SVGLineElement[] = [];
  private readonly dots: SVGCircleElement[] = [];
  private readonly apXY: Array<[number, number]> = [];
  private frame: Frame | null = null;

  /**
   * Draws the scenario.
   * @param svg - the target SVG element (content replaced).
   * @param scenario - the scenario.
   * @param onFocus - called with a UE index (or −1) when a UE is hovered or focused.
   */
  constructor(
    private readonly svg: SVGSVGElement,
    private readonly scenario: Scenario,
    onFocus: (i: number, anchor: Element | null) => void,
  ) {
    const W = 520;
    const H = 420;
    const pts = [...scenario.aps.map((a) => a.position), ...scenario.ues.map((u) => u.position)];
    const xs = pts.map((p) => p[0]);
    const ys = pts.map((p) => p[1]);
    const [x0, x1, y0, y1] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
    const span = Math.max(x1 - x0, y1 - y0, 1);
    const area = H - 40;
    const P = (p: readonly [number, number]): [number, number] => [
      20 + ((p[0] - x0) / span) * area,
      20 + area - ((p[1] - y0) / span) * area,
    ];
    svg.replaceChildren();
    svg.setAttribute('viewBox', `0 0 ${W} ${H}`);
    el('title', {}, svg).textContent =
      `Topology of ${scenario.name}: ${scenario.ues.length} UEs, ${scenario.aps.length} APs, ${scenario.servers.length} servers`;
    const linkLayer = el('g', { class: 'links' }, svg);
    this.drawServers(W, H);
    scenario.aps.forEach((ap, m) => {
      const [x, y] = P(ap.position);
      this.apXY[m] = [x, y];
      el('path', { d: `M${x} ${y - 9}L${x + 8} ${y + 6}L${x - 8} ${y + 6}Z`, class: 'ap' }, svg);
      el('text', { x: x + 10, y: y - 6, class: 'ap-label' }, svg).textContent = ap.id;
    });
    scenario.ues.forEach((ue, i) => {
      const [x, y] = P(ue.position);
      this.links[i] = el('line', { x1: x, y1: y, x2: x, y2: y, class: 'link' }, linkLayer);
      const dot = el('circle', { cx: x, cy: y, r: 5, class: 'ue', tabindex: 0, role: 'button', 'data-ue': i }, svg);
      dot.setAttribute('aria-label', `UE ${ue.id}`);
      const enter = (): void => onFocus(i, dot);
      dot.addEventListener('mouseenter', enter);
      dot.addEventListener('focus', enter);
      dot.addEventListener('mouseleave', () => onFocus(-1, null));
      dot.addEventListener('blur', () => onFocus(-1, null));
      this.dots[i] = dot;
    });
  }

  private drawServers(W: number, H: number): void {
    const K = this.scenario.servers.length;
    const shown = Math.min(K, 12);
    this.scenario.servers.slice(0, shown).forEach((s, k) => {
      const y = 30 + (k * (H - 60)) / Math.max(1, shown - 1 || 1);
      el('rect', { x: W - 92, y: y - 7, width: 14, height: 14, fill: serverColour(k), class: 'server' }, this.svg);
      el('text', { x: W - 72, y: y + 4, class: 'server-label' }, this.svg).textContent = s.id;
    });
    if (K > shown)
      el('text', { x: W - 92, y: H - 6, class: 'server-label' }, this.svg).textContent = `+${K - shown} more`;
  }

  /**
   * Shows a frame: each UE's link to its AP and its server's colour (grey when absent).
   * @param frame - the profile's per-UE states, or null for "no profile yet".
   */
  show(frame: Frame | null): void {
    this.frame = frame;
    this.dots.forEach((dot, i) => {
      const m = frame?.ap[i] ?? -1;
      const k = frame?.server[i] ?? -1;
      const line = this.links[i]!;
      if (m < 0) {
        dot.setAttribute('fill', '#ffffff');
        line.setAttribute('x2', line.getAttribute('x1')!);
        line.setAttribute('y2', line.getAttribute('y1')!);
        return;
      }
      const [ax, ay] = this.apXY[m]!;
      dot.setAttribute('fill', serverColour(k));
      line.setAttribute('x2', String(ax));
      line.setAttribute('y2', String(ay));
      line.style.stroke = serverColour(k);
    });
  }

  /** The frame shown (null: none yet). */
  get shown(): Frame | null {
    return this.frame;
  }
}
