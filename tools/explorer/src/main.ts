/// <reference lib="dom" />
import { traceCsv, type Scenario, type TraceRow } from '@jcaco/model';
import { drawChart, type Series } from './charts.js';
import { initForm, readForm, writeForm, writeUrl } from './form.js';
import { toJsonText } from './formats.js';
import { findSolver, methodColour } from './methods.js';
import { Playback } from './playback.js';
import {
  MAX_SCENARIO_BYTES,
  type Certificate,
  type Catalogue,
  type CompareRow,
  type ExplorerReply,
  type ExplorerRequest,
  type Frame,
  type RequestBody,
  type RunSpec,
  type ScenarioSource,
  ueState,
  unpackFrame,
} from './protocol.js';
import { TopologyView } from './topology.js';
import { parseQuery, type ExplorerSettings } from './url-state.js';

/** Everything a finished or running run has delivered so far. */
interface RunData {
  algo: string;
  document?: Record<string, unknown>;
  /** The solver's trace, exported as is. */
  trace: TraceRow[];
  /** What the page plays back: the trace, or the final point alone when the method keeps none. */
  rows: TraceRow[];
  certificate?: Certificate;
  final?: Frame;
  /** Strategy code → entry, for every code the frames received so far use. */
  catalogue: Catalogue;
  samples?: Extract<ExplorerReply, { type: 'samples' }>;
  ode?: Extract<ExplorerReply, { type: 'ode' }>;
  compare: CompareRow[];
  workerDone: boolean;
}

const $ = <T extends Element = HTMLElement>(id: string): T => document.getElementById(id) as unknown as T;

const state = {
  worker: null as Worker | null,
  busy: false,
  id: 0,
  source: null as ScenarioSource | null,
  scenario: null as Scenario | null,
  scenarioText: '',
  pendingSource: null as ScenarioSource | null,
  topology: null as TopologyView | null,
  run: null as RunData | null,
  playback: new Playback(30),
  raf: 0,
  lastTick: 0,
  /** Per chart its position updater; null: to be (re)built from the run's data. */
  charts: [null, null, null] as Array<((upTo: number) => void) | null>,
  lastRender: 0,
  outcomeShown: false,
};

/** Sets the status element (`idle`, `loading`, `computing`, `playing`, `paused`, `done`, `error`). */
function setStatus(s: string): void {
  $('status').textContent = s;
  const running = state.run !== null && s !== 'error' && s !== 'idle';
  ($('pause') as HTMLButtonElement).disabled = !running || s === 'done';
  ($('pause') as HTMLButtonElement).textContent = s === 'paused' ? 'Resume' : 'Pause';
  ($('step') as HTMLButtonElement).disabled = !running || s === 'done' || s === 'computing';
  ($('stop') as HTMLButtonElement).disabled = s !== 'computing' && s !== 'playing' && s !== 'paused';
}

function showError(message: string | null): void {
  const box = $('error');
  box.textContent = message ?? '';
  box.hidden = message === null;
}

function showNotices(notices: readonly string[]): void {
  const list = $('notices');
  list.replaceChildren(
    ...notices.map((n) => {
      const li = document.createElement('li');
      li.textContent = n;
      return li;
    }),
  );
}

/** Sends a request to the worker; a request while one is busy ends that one (its worker is terminated). */
function send(req: RequestBody): void {
  if (state.busy && state.worker) {
    state.worker.terminate();
    state.worker = null;
  }
  if (!state.worker) {
    state.worker = new Worker(new URL('./worker.ts', import.meta.url), { type: 'module' });
    state.worker.onmessage = (e: MessageEvent<ExplorerReply>) => onReply(e.data);
    state.worker.onerror = (e) => {
      state.busy = false;
      showError(`the worker failed: ${e.message}`);
      setStatus('error');
    };
  }
  state.id++;
  state.busy = true;
  state.worker.postMessage({ ...req, id: state.id } as ExplorerRequest);
}

function onReply(reply: ExplorerReply): void {
  if (reply.id !== state.id) return;
  performance.mark(`jcaco:${reply.type}`);
  const run = state.run;
  switch (reply.type) {
    case 'scenario':
      return acceptScenario(reply.scenario, reply.setting, reply.text);
    case 'progress':
      $('progress').textContent = `worker: ${reply.phase} ${(100 * reply.fraction).toFixed(0)} %`;
      return;
    case 'error':
      state.busy = false;
      state.pendingSource = null;
      showError(reply.message);
      if (run) state.run = null;
      setStatus('error');
      return;
    case 'done':
      state.busy = false;
      $('progress').textContent = '';
      if (run) run.workerDone = true;
      break;
    case 'result':
      if (!run) return;
      Object.assign(run, {
        document: reply.document,
        trace: reply.trace,
        certificate: reply.certificate,
        final: reply.final,
      });
      Object.assign(run.catalogue, reply.catalogue);
      run.rows = reply.trace.length > 0 ? reply.trace : [finalRow(reply.document)];
      state.playback.load(run.rows.length, true);
      setStatus(state.playback.playing ? 'playing' : 'computing');
      loop();
      break;
    case 'samples':
      if (run) {
        run.samples = reply;
        Object.assign(run.catalogue, reply.catalogue);
      }
      state.charts[2] = null;
      break;
    case 'ode':
      if (run) run.ode = reply;
      state.charts[0] = state.charts[1] = null;
      break;
    case 'compare':
      if (run) run.compare.push(reply.row);
      renderCompare();
      return;
  }
  render();
}

/** The one row of a run without a trace: its final iteration, mean time and potential. */
function finalRow(doc: Record<string, unknown>): TraceRow {
  return { iteration: doc.iterations as number, meanTime: doc.meanTime as number, potential: doc.potential as number };
}

function acceptScenario(scenario: Scenario, setting: string, text: string): void {
  state.scenario = scenario;
  state.scenarioText = text;
  if (state.pendingSource) state.source = state.pendingSource;
  state.pendingSource = null;
  showError(null);
  const summary = `${scenario.name}: ${scenario.ues.length} UEs, ${scenario.aps.length} APs, ${scenario.servers.length} servers, ${scenario.allocation} allocation, ${setting} information`;
  $('scenario-summary').textContent =
    state.source?.kind === 'file' ? `${summary} (from the file ${state.source.name}; not part of the link)` : summary;
  state.topology = new TopologyView($('topology'), scenario, showHover);
  if (!state.run) setStatus('idle');
  setLink('export-scenario', text, 'application/json');
  render();
}

/** The generator options of settings (exactly `jcaco generate`'s flags). */
function generateSource(s: ExplorerSettings): ScenarioSource {
  return {
    kind: 'generate',
    options: {
      preset: s.preset,
      ...(s.ues !== undefined && { ues: s.ues }),
      ...(s.aps !== undefined && { aps: s.aps }),
      ...(s.servers !== undefined && { servers: s.servers }),
      ...(s.seed !== undefined && { seed: s.seed }),
      ...(s.allocation !== undefined && { allocation: s.allocation }),
      ...(s.fading !== undefined && { fading: s.fading }),
    },
  };
}

/** The solver call of settings: `jcaco run --seed --slots --step-size --epsilon --param normalisation=`. */
function runSpec(s: ExplorerSettings): RunSpec {
  const params: RunSpec['params'] = {};
  if (s.stepSize !== undefined) params.b = s.stepSize;
  if (s.epsilon !== undefined) params.epsilon = s.epsilon;
  if (s.normalisation !== undefined) params.normalisation = s.normalisation;
  const learning = findSolver(s.algo)?.randomized === true;
  return {
    algo: s.algo,
    ...(s.runSeed !== undefined && { seed: s.runSeed }),
    ...(s.slots !== undefined && { maxIterations: s.slots }),
    params,
    traceEvery: s.traceEvery ?? (learning ? 10 : 1),
    ue: s.ue,
    compare: s.compare,
  };
}

/** Starts a run with the form's settings (the URL is updated first, so the link reproduces it). */
function startRun(fromForm = true): void {
  const parsed = readForm(false);
  if (fromForm) showNotices(parsed.notices);
  if (state.source?.kind !== 'file') state.source = generateSource(parsed.settings);
  const settings = parsed.settings;
  const link = state.source?.kind === 'file' ? null : writeUrl({ ...settings, run: true });
  const share = $<HTMLAnchorElement>('share');
  if (link) share.href = link;
  else share.removeAttribute('href');
  share.setAttribute('aria-disabled', link ? 'false' : 'true');
  if (!state.source) return;
  state.playback = new Playback(settings.speed);
  state.run = { algo: settings.algo, trace: [], rows: [], compare: [], workerDone: false, catalogue: {} };
  state.pendingSource = state.source;
  showError(null);
  $('certificate').textContent = 'Running…';
  renderCompare();
  setStatus('computing');
  send({ type: 'run', source: state.source, run: runSpec(settings) });
}

/** The animation loop: advances the playback while it plays. */
function loop(): void {
  cancelAnimationFrame(state.raf);
  state.lastTick = performance.now();
  const frame = (now: number): void => {
    const changed = state.playback.tick(now - state.lastTick);
    state.lastTick = now;
    // At most ~20 redraws a second: the playback position still advances at its own speed.
    if (changed && (now - state.lastRender >= 50 || state.playback.atEnd)) render();
    if (state.playback.playing) state.raf = requestAnimationFrame(frame);
    else render();
  };
  state.raf = requestAnimationFrame(frame);
}

/** Draws the current playback position: charts, topology, status, certificate and exports at the end. */
function render(): void {
  const run = state.run;
  if (!run || run.rows.length === 0) return;
  const started = performance.now();
  const pb = state.playback;
  const row = run.rows[Math.min(pb.index, run.rows.length - 1)]!;
  const last = run.rows[run.rows.length - 1]!;
  const stale = state.charts.findIndex((c) => c === null);
  if (stale >= 0) {
    state.charts[stale] = CHART_BUILDERS[stale]!(run);
    if (state.charts.includes(null)) setTimeout(render, 0);
  }
  for (const show of state.charts) show?.(row.iteration);
  state.topology?.show(frameAt(run, row.iteration, pb.atEnd));
  $('position').textContent = `iteration ${row.iteration} of ${last.iteration}`;
  const finished = pb.atEnd && run.workerDone;
  if (pb.atEnd && !state.outcomeShown) renderOutcome(run);
  state.lastRender = performance.now();
  // The cost of a redraw, for the browser test and for anyone profiling the page.
  performance.measure('jcaco:render', { start: started, end: state.lastRender });
  setStatus(finished ? 'done' : pb.playing ? 'playing' : pb.atEnd ? 'computing' : 'paused');
}

/** The topology frame at an iteration: MASL's sampled profile, else the final profile at the end. */
function frameAt(run: RunData, iteration: number, atEnd: boolean): Frame | null {
  if (atEnd && run.final) return run.final;
  const frames = run.samples?.frames;
  if (!frames || frames.iterations.length === 0) return null;
  let lo = 0;
  let hi = frames.iterations.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (frames.iterations[mid]! <= iteration) lo = mid;
    else hi = mid - 1;
  }
  return unpackFrame(frames, lo);
}

/** The common pieces of the time and potential charts. */
function chartBasics(run: RunData) {
  const ode = run.ode && run.ode.iterations.length > 0 ? run.ode : null;
  return {
    colour: methodColour(run.algo),
    xs: run.rows.map((r) => r.iteration),
    unit: findSolver(run.algo)?.randomized ? 'slot' : 'iteration',
    ode,
    odeSeries: (ys: number[], label: string): Series[] =>
      ode ? [{ label, colour: '#555555', dash: '6 4', xs: ode.iterations, ys }] : [],
  };
}

function timeChart(run: RunData): (upTo: number) => void {
  const { colour, xs, unit, ode, odeSeries } = chartBasics(run);
  const hasObserved = run.rows.some((r) => Number.isFinite(r.observedMeanTime));
  const observed = hasObserved ? '; dotted: the mean of the times the UEs observed in that slot' : '';
  const odeText = ode
    ? `Dashed: ${ode.note} (${ode.status}); MASL's own reward range narrows as it learns, so late in a run it is ahead of this fixed-scale ODE.`
    : 'The mean ODE describes MASL: run masl to see it.';
  $('caption-time').textContent =
    `Solid: the mean time of the current profile (MASL: each UE's most probable strategy)${observed}. ${odeText}`;
  const observedSeries: Series[] = hasObserved
    ? [{ label: 'observed in the slot', colour, dash: '2 3', xs, ys: run.rows.map((r) => r.observedMeanTime ?? NaN) }]
    : [];
  return drawChart($('chart-time'), {
    title: 'Mean completion time against iterations',
    xLabel: unit,
    yLabel: 'mean completion time (s)',
    series: [
      { label: `${run.algo}: its current profile`, colour, xs, ys: run.rows.map((r) => r.meanTime) },
      ...observedSeries,
      ...odeSeries(ode?.meanTime ?? [], 'E_p[T] along the mean ODE'),
    ],
  });
}

function potentialChart(run: RunData): (upTo: number) => void {
  const { colour, xs, unit, ode, odeSeries } = chartBasics(run);
  const hasV = run.rows.some((r) => Number.isFinite(r.expectedPotential));
  $('caption-potential').textContent = hasV
    ? 'Φ: the potential of the profile of most probable strategies; V(p): its expectation under the mixed strategies.'
    : 'Φ: the potential of the current profile.';
  const vSeries: Series[] = hasV
    ? [{ label: 'V(p) = E_p[Φ]', colour, dash: '2 3', xs, ys: run.rows.map((r) => r.expectedPotential ?? NaN) }]
    : [];
  return drawChart($('chart-potential'), {
    title: 'Potential against iterations',
    xLabel: unit,
    yLabel: 'potential',
    series: [
      { label: `Φ of ${run.algo}'s profile`, colour, xs, ys: run.rows.map((r) => r.potential) },
      ...vSeries,
      ...odeSeries(ode?.V ?? [], 'V along the mean ODE'),
    ],
  });
}

/**
 * The three charts; a chart is rebuilt (null) when its data arrives, one per task, so no single
 * task of the page builds them all.
 */
const CHART_BUILDERS = [timeChart, potentialChart, probabilityChart] as const;

/** Paul Tol's "muted" scheme for a UE's strategies (not method colours). */
const STRATEGY_COLOURS = ['#332288', '#88CCEE', '#44AA99', '#117733', '#999933', '#AA4499'];

function probabilityChart(run: RunData): (upTo: number) => void {
  const s = run.samples;
  if (!s) {
    $('caption-probs').textContent = 'Strategy probabilities are those of MASL\u2019s automata: run masl to see them.';
    return drawChart($('chart-probs'), {
      title: 'Strategy probabilities',
      xLabel: 'slot',
      yLabel: 'probability',
      series: [],
    });
  }
  const n = s.strategies.length;
  const peak = new Float64Array(n);
  for (let k = 0; k < s.iterations.length; k++)
    for (let a = 0; a < n; a++) peak[a] = Math.max(peak[a]!, s.p[k * n + a]!);
  const top = Array.from(peak, (v, a) => [v, a] as const)
    .sort((x, y) => y[0] - x[0])
    .slice(0, STRATEGY_COLOURS.length);
  const series: Series[] = top.map(([, a], r) => {
    const e = s.strategies[a]!;
    return {
      label: `${e.ap}·${e.server}·${e.model}·${e.steps}`,
      colour: STRATEGY_COLOURS[r]!,
      ...(r % 2 === 1 && { dash: '5 3' }),
      xs: s.iterations,
      ys: s.iterations.map((_, k) => s.p[k * n + a]!),
    };
  });
  const ueId = state.scenario?.ues[s.ue]?.id ?? String(s.ue);
  $('caption-probs').textContent =
    `UE ${ueId}: its ${top.length} most probable of ${n} strategies (AP·server·model·steps).${s.matches ? '' : ' Warning: the replay did not end at the solver\u2019s profile.'}`;
  return drawChart($('chart-probs'), {
    title: `Strategy probabilities of UE ${ueId}`,
    xLabel: 'slot',
    yLabel: 'probability',
    series,
  });
}

const seconds = (v: number | null): string => (v === null || !Number.isFinite(v) ? '—' : `${v.toPrecision(4)} s`);

function showHover(i: number, anchor: Element | null): void {
  const box = $('hover');
  const ue = state.scenario?.ues[i];
  if (i < 0 || !anchor || !ue) {
    box.hidden = true;
    return;
  }
  const frame = state.topology?.shown;
  const s = frame && state.run ? ueState(frame, i, state.run.catalogue) : null;
  const line = (text: string): HTMLElement => {
    const p = document.createElement('div');
    p.textContent = text;
    return p;
  };
  const strategy = (e: NonNullable<typeof s>['entry']): string =>
    e ? `AP ${e.ap}, server ${e.server}, ${e.model} × ${e.steps} steps` : 'none yet';
  const lines = [
    line(`UE ${ue.id}`),
    line(`strategy: ${strategy(s?.entry ?? null)}`),
    line(`time: ${seconds(s?.time ?? null)}`),
  ];
  if (s?.alternative) {
    const gain = s.time !== null && s.alternativeTime !== null ? s.time - s.alternativeTime : Number.NaN;
    lines.push(line(`best alternative: ${strategy(s.alternative)}, ${seconds(s.alternativeTime)}`));
    lines.push(line(gain > 0 ? `it would gain ${seconds(gain)}` : `no gain (${seconds(-gain)} slower)`));
  }
  box.replaceChildren(...lines);
  const wrap = box.parentElement!.getBoundingClientRect();
  const r = anchor.getBoundingClientRect();
  box.style.left = `${Math.max(0, Math.min(r.left - wrap.left + 12, wrap.width - 260))}px`;
  box.style.top = `${r.top - wrap.top + 12}px`;
  box.hidden = false;
}

function renderOutcome(run: RunData): void {
  const c = run.certificate;
  const doc = run.document;
  if (!c || !doc) return;
  const box = $('certificate');
  box.dataset.maxDeviationGain = String(c.maxDeviationGain);
  box.dataset.pureNash = String(c.pureNash);
  const head = `${String(doc.algo)} on ${String(doc.scenario)}, seed ${String(doc.seed ?? '—')}: ${String(doc.iterations)} iterations, converged ${doc.converged ? 'yes' : 'no'}, mean time ${seconds(doc.meanTime as number)}.`;
  const gain = `Max deviation gain: ${c.maxDeviationGain.toExponential(3)} s.`;
  const verdict = c.pureNash
    ? `A pure Nash equilibrium: no UE can lower its time by more than ${c.tolerance.toExponential(1)} s (1e-9 × the largest time) by changing its own strategy (every UE's feasible set checked).`
    : `Not a pure Nash equilibrium: some UE can lower its time by ${c.maxDeviationGain.toPrecision(4)} s by changing its own strategy (tolerance ${c.tolerance.toExponential(1)} s).`;
  box.replaceChildren(
    ...[head, gain, verdict].map((t) => Object.assign(document.createElement('p'), { textContent: t })),
  );
  setLink('export-profile', toJsonText(doc.profile), 'application/json');
  setLink('export-run', toJsonText(doc), 'application/json');
  setLink('export-trace', traceCsv(run.trace), 'text/csv');
  renderCompare();
}

function renderCompare(): void {
  const run = state.run;
  const body = $('compare-table').querySelector('tbody')!;
  const rows: CompareRow[] = [];
  if (run?.document && state.playback.atEnd) {
    const d = run.document;
    rows.push({
      algo: String(d.algo),
      meanTime: d.meanTime as number,
      potential: d.potential as number,
      maxDeviationGain: d.maxDeviationGain as number,
      pureNash: run.certificate?.pureNash ?? false,
      iterations: d.iterations as number,
      converged: d.converged as boolean,
      wallTimeS: d.wallTimeS as number,
    });
  }
  if (run && state.playback.atEnd) rows.push(...run.compare);
  body.replaceChildren(
    ...rows.map((r, k) => {
      const tr = document.createElement('tr');
      if (k === 0) tr.className = 'this-run';
      const name = document.createElement('th');
      name.scope = 'row';
      const swatch = Object.assign(document.createElement('span'), { className: 'swatch' });
      swatch.style.background = methodColour(r.algo);
      name.append(swatch, document.createTextNode(r.algo));
      const cells = [
        r.meanTime.toFixed(4),
        r.potential.toFixed(3),
        r.maxDeviationGain.toExponential(2),
        r.pureNash ? 'yes' : 'no',
        String(r.iterations),
        r.wallTimeS.toFixed(3),
      ];
      tr.append(name, ...cells.map((t) => Object.assign(document.createElement('td'), { textContent: t })));
      return tr;
    }),
  );
}

function setLink(id: string, text: string, type: string): void {
  const a = $<HTMLAnchorElement>(id);
  if (a.href.startsWith('blob:')) URL.revokeObjectURL(a.href);
  a.href = URL.createObjectURL(new Blob([text], { type }));
  a.setAttribute('aria-disabled', 'false');
}

/** Reads a dropped or chosen file; too large a file is refused before it is read. */
async function loadFile(file: File): Promise<void> {
  if (file.size > MAX_SCENARIO_BYTES) {
    showError(`scenario ${file.name}: larger than ${MAX_SCENARIO_BYTES} bytes, not read`);
    return;
  }
  const source: ScenarioSource = { kind: 'file', name: file.name, text: await file.text() };
  state.pendingSource = source;
  state.run = null;
  setStatus('loading');
  send({ type: 'scenario', source });
}

function wire(): void {
  $('scenario-form').addEventListener('submit', (e) => {
    e.preventDefault();
    const parsed = readForm(false);
    showNotices(parsed.notices);
    state.pendingSource = generateSource(parsed.settings);
    state.run = null;
    writeUrl(parsed.settings);
    setStatus('loading');
    send({ type: 'scenario', source: state.pendingSource });
  });
  $('method-form').addEventListener('submit', (e) => {
    e.preventDefault();
    startRun();
  });
  $('start').addEventListener('click', () => startRun());
  $('pause').addEventListener('click', () => {
    if (state.playback.playing) state.playback.pause();
    else {
      state.playback.resume();
      loop();
    }
    render();
  });
  $('step').addEventListener('click', () => {
    state.playback.step();
    render();
  });
  $('stop').addEventListener('click', () => {
    state.worker?.terminate();
    state.worker = null;
    state.busy = false;
    state.playback.pause();
    state.run = null;
    $('certificate').textContent = 'Stopped.';
    setStatus('idle');
  });
  $('speed').addEventListener('change', () => {
    state.playback.speed = Number(($('speed') as HTMLSelectElement).value);
  });
  const input = $<HTMLInputElement>('scenario-file');
  input.addEventListener('change', () => {
    if (input.files?.[0]) void loadFile(input.files[0]);
    input.value = '';
  });
  const drop = document.body;
  drop.addEventListener('dragover', (e) => e.preventDefault());
  drop.addEventListener('drop', (e) => {
    e.preventDefault();
    const file = e.dataTransfer?.files[0];
    if (file) void loadFile(file);
  });
}

function init(): void {
  initForm();
  const parsed = parseQuery(location.search);
  writeForm(parsed.settings);
  showNotices(parsed.notices);
  wire();
  state.source = generateSource(parsed.settings);
  if (parsed.settings.run) startRun(false);
  else {
    state.pendingSource = state.source;
    setStatus('loading');
    send({ type: 'scenario', source: state.source });
  }
}

init();
