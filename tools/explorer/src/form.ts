/// <reference lib="dom" />
import { PRESETS } from '@jcaco/model';
import { allSolvers, findSolver } from './methods.js';
import { parseQuery, SCENARIO_CHOICES, toQuery, type ExplorerSettings, type ParsedQuery } from './url-state.js';

/** The form fields named as the query keys they edit. */
const FIELDS = [
  'preset',
  'ues',
  'aps',
  'servers',
  'seed',
  'allocation',
  'fading',
  'algo',
  'runSeed',
  'stepSize',
  'epsilon',
  'normalisation',
  'slots',
  'traceEvery',
  'ue',
  'speed',
] as const;

function field(id: string): HTMLInputElement | HTMLSelectElement {
  const e = document.getElementById(id);
  if (!(e instanceof HTMLInputElement || e instanceof HTMLSelectElement)) throw new Error(`form: no field #${id}`);
  return e;
}

/** Fills a list whose first, empty choice leaves the value to the preset or the method's default. */
function fillChoices(id: string, blank: string, values: readonly string[]): void {
  const select = field(id);
  select.append(new Option(blank, ''));
  for (const v of values) select.append(new Option(v === 'rayleigh' ? 'Rayleigh' : v, v));
}

/**
 * Fills the preset and method lists from the model's presets and the solver registries, and the
 * allocation, fading and normalisation lists from the values the URL accepts and MASL declares.
 * @example
 * initForm(); // → #preset lists paper, small, tiny, large
 */
export function initForm(): void {
  fillChoices('allocation', 'preset', SCENARIO_CHOICES.allocation);
  fillChoices('fading', 'preset', SCENARIO_CHOICES.fading);
  const normalisation = findSolver('masl')?.parameters?.find((p) => p.name === 'normalisation');
  fillChoices('normalisation', 'default', normalisation?.values ?? []);
  const preset = field('preset');
  for (const [name, spec] of Object.entries(PRESETS)) {
    const o = new Option(name, name);
    o.title = spec.description;
    preset.append(o);
  }
  const algo = field('algo');
  for (const s of allSolvers) {
    const o = new Option(s.name, s.name);
    o.title = s.description;
    algo.append(o);
  }
}

/**
 * Shows settings in the form (empty fields for absent optional keys).
 * @param s - the settings.
 */
export function writeForm(s: ExplorerSettings): void {
  const values = s as unknown as Record<string, string | number | boolean | undefined>;
  for (const key of FIELDS) {
    const v = values[key];
    const f = field(key);
    // A value the URL allows but the list does not offer (e.g. speed=60) becomes an option.
    if (f instanceof HTMLSelectElement && v !== undefined && !Array.from(f.options).some((o) => o.value === String(v)))
      f.append(new Option(key === 'speed' ? `${String(v)} frames/s` : String(v), String(v)));
    f.value = v === undefined ? '' : String(v);
  }
  (document.getElementById('compare') as HTMLInputElement).checked = s.compare;
}

/**
 * Reads the form through the query parser, so the form and the URL accept exactly the same values.
 * @param run - the `run` flag to carry.
 * @returns the settings and a notice per rejected field.
 */
export function readForm(run = false): ParsedQuery {
  const q = new URLSearchParams();
  for (const key of FIELDS) {
    const v = field(key).value.trim();
    if (v !== '') q.set(key, v);
  }
  if (run) q.set('run', '1');
  if (!(document.getElementById('compare') as HTMLInputElement).checked) q.set('compare', '0');
  return parseQuery(q.toString());
}

/**
 * Writes settings into the address bar (no reload), so the link reproduces the page.
 * @param s - the settings.
 * @returns the full link.
 */
export function writeUrl(s: ExplorerSettings): string {
  const url = `${location.pathname}${toQuery(s)}`;
  history.replaceState(null, '', url);
  return location.href;
}
