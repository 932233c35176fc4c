// The page of `scratchnet serve`: draw a digit and see the network's answer, train the network and watch it learn,
// look at the test digits it gets wrong. The server's API is described in the README (docs/web.md).
(() => {
  'use strict';

  const SIZE = 28;   // MNIST's images are 28 × 28 pixels,
  const BOX = 20;    // with the digit scaled to fit 20 × 20 inside them.
  const BRUSH = 20;  // Stroke width on the 280-pixel pad: about 2 pixels once a digit is scaled down, as in MNIST.
  const SCALE = 10;  // Pad pixels per image pixel when a 28 × 28 digit is drawn onto the pad.
  const SUGGESTED_RATE = {sgd: 0.1, momentum: 0.01, adagrad: 0.01, adam: 0.001};  // as the book's chapter 6 uses them
  const NAMES = {relu: 'ReLU', sigmoid: 'sigmoid', identity: 'identity', softmax_cross_entropy: 'softmax with loss'};
  const COLOR = {accent: '#0969da', test: '#d4700a', bar: '#b6d4fb'};
  const DIGITS = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9];

  const $ = id => document.getElementById(id);
  const pad = $('pad');
  const ink = pad.getContext('2d', {willReadFrequently: true});
  const seen = $('seen').getContext('2d');
  const number = n => n.toLocaleString('en');

  // ---- Draw --------------------------------------------------------------------------------------------------------

  let stroke = null;      // the last point of the stroke being drawn
  let drawn = false;      // whether the pad held ink when it was last read
  let generation = 0;     // counts clears: an answer about an older drawing is dropped
  let busy = false;       // a prediction is on its way: one at a time, the latest drawing next
  let again = false;
  let lastAsked = 0;

  function clearPad() {
    ink.fillStyle = '#000';
    ink.fillRect(0, 0, pad.width, pad.height);
    drawn = false;
    generation++;
    paint(seen, null);
    $('guess').textContent = '?';
    $('confidence').textContent = 'draw a digit';
    $('latency').textContent = '';
    setBars(DIGITS.map(() => 0), -1);
  }

  function at(event) {
    const r = pad.getBoundingClientRect();
    return [(event.clientX - r.left) * pad.width / r.width, (event.clientY - r.top) * pad.height / r.height];
  }

  function dot([x, y]) {
    ink.fillStyle = '#fff';
    ink.beginPath();
    ink.arc(x, y, BRUSH / 2, 0, 2 * Math.PI);
    ink.fill();
  }

  function line(from, to) {
    ink.strokeStyle = '#fff';
    ink.lineWidth = BRUSH;
    ink.lineCap = 'round';
    ink.lineJoin = 'round';
    ink.beginPath();
    ink.moveTo(from[0], from[1]);
    ink.lineTo(to[0], to[1]);
    ink.stroke();
  }

  pad.addEventListener('pointerdown', event => {
    event.preventDefault();
    pad.setPointerCapture(event.pointerId);
    stroke = at(event);
    dot(stroke);
    requestPrediction();
  });
  pad.addEventListener('pointermove', event => {
    if (!stroke) return;
    const next = at(event);
    line(stroke, next);
    stroke = next;
    requestPrediction();
  });
  for (const type of ['pointerup', 'pointercancel']) {
    pad.addEventListener(type, () => {
      stroke = null;
      requestPrediction();
    });
  }
  $('clear').addEventListener('click', clearPad);

  /** Paints a 28 × 28 image (grey levels in [0, 1]) onto the pad, each pixel a 10 × 10 square. */
  function drawDigit(values) {
    clearPad();
    for (let i = 0; i < SIZE * SIZE; i++) {
      const g = Math.round(255 * values[i]);
      if (g > 0) {
        ink.fillStyle = `rgb(${g},${g},${g})`;
        ink.fillRect((i % SIZE) * SCALE, Math.floor(i / SIZE) * SCALE, SCALE, SCALE);
      }
    }
    requestPrediction();
  }

  /**
   * The drawing as MNIST's digits were made: the bounding box of the ink scaled, keeping its aspect ratio, to fit
   * 20 × 20 (grey levels from averaging the pad's pixels over each new pixel), then placed in a 28 × 28 field so that
   * its centre of mass falls on pixel (14, 14), counting from 0, within half a pixel: where MNIST's digits have theirs.
   * Returns 784 grey levels in [0, 1], row by row, or null when the pad is empty.
   */
  function preprocess() {
    const w = pad.width, h = pad.height;
    const rgba = ink.getImageData(0, 0, w, h).data;
    const grey = new Float32Array(w * h);
    let left = w, right = -1, top = h, bottom = -1;
    for (let y = 0; y < h; y++) {
      for (let x = 0; x < w; x++) {
        const v = rgba[4 * (y * w + x)] / 255;  // white on black: the red channel is the grey level
        if (v > 0) {
          grey[y * w + x] = v;
          left = Math.min(left, x);
          right = Math.max(right, x);
          top = Math.min(top, y);
          bottom = Math.max(bottom, y);
        }
      }
    }
    if (right < 0) return null;
    const bw = right - left + 1, bh = bottom - top + 1;
    const scale = BOX / Math.max(bw, bh);
    const sw = Math.max(1, Math.round(bw * scale)), sh = Math.max(1, Math.round(bh * scale));
    const box = resample(grey, w, left, top, bw, bh, sw, sh);
    let mass = 0, mx = 0, my = 0;
    for (let y = 0; y < sh; y++) {
      for (let x = 0; x < sw; x++) {
        const v = box[y * sw + x];
        mass += v;
        mx += v * x;
        my += v * y;
      }
    }
    const clamp = (v, max) => Math.min(Math.max(v, 0), max);
    const ox = clamp(Math.round(SIZE / 2 - mx / mass), SIZE - sw);
    const oy = clamp(Math.round(SIZE / 2 - my / mass), SIZE - sh);
    const image = new Float32Array(SIZE * SIZE);
    for (let y = 0; y < sh; y++) {
      for (let x = 0; x < sw; x++) {
        image[(oy + y) * SIZE + ox + x] = box[y * sw + x];
      }
    }
    return image;
  }

  /** The bw × bh box at (left, top) of the w-wide image, averaged down (or up) to sw × sh, one axis at a time. */
  function resample(grey, w, left, top, bw, bh, sw, sh) {
    const across = coverage(bw, sw), down = coverage(bh, sh);
    const rows = new Float32Array(bh * sw);
    for (let y = 0; y < bh; y++) {
      for (let t = 0; t < sw; t++) {
        let v = 0;
        for (const [s, k] of across[t]) v += k * grey[(top + y) * w + left + s];
        rows[y * sw + t] = v;
      }
    }
    const box = new Float32Array(sh * sw);
    for (let t = 0; t < sh; t++) {
      for (let x = 0; x < sw; x++) {
        let v = 0;
        for (const [s, k] of down[t]) v += k * rows[s * sw + x];
        box[t * sw + x] = Math.min(v, 1);  // sums of weights that add up to 1 may round a hair above it
      }
    }
    return box;
  }

  /** For each of m new pixels over n old ones: the old pixels it covers and the share of it each covers. */
  function coverage(n, m) {
    const ratio = n / m, all = [];
    for (let t = 0; t < m; t++) {
      const from = t * ratio, to = (t + 1) * ratio, pairs = [];
      for (let s = Math.floor(from); s < Math.min(n, Math.ceil(to)); s++) {
        const overlap = Math.min(to, s + 1) - Math.max(from, s);
        if (overlap > 1e-9) pairs.push([s, overlap / ratio]);
      }
      all.push(pairs);
    }
    return all;
  }

  function paint(context, values) {
    const image = context.createImageData(SIZE, SIZE);
    for (let i = 0; i < SIZE * SIZE; i++) {
      const g = values ? Math.round(255 * values[i]) : 0;
      image.data.set([g, g, g, 255], 4 * i);
    }
    context.putImageData(image, 0, 0);
  }

  function requestPrediction() {
    if (busy) {
      again = true;
    } else {
      predict();
    }
  }

  async function predict() {
    const pixels = preprocess();
    drawn = pixels !== null;
    paint(seen, pixels);
    if (!drawn) return;
    busy = true;
    again = false;
    const asked = generation, started = performance.now();
    lastAsked = started;
    try {
      // Four decimals keep the body near 5 KB and move no pixel by more than 0.00005.
      const answer = await post('api/predict', {pixels: Array.from(pixels, v => Math.round(v * 1e4) / 1e4)});
      if (asked === generation) showAnswer(answer, performance.now() - started);
    } catch (error) {
      if (asked === generation) $('latency').textContent = error.message;
    } finally {
      busy = false;
      if (again) requestPrediction();
    }
  }

  function showAnswer(answer, ms) {
    const p = answer.probabilities, c = answer['class'];
    $('guess').textContent = c;
    $('confidence').textContent = `${(100 * p[c]).toFixed(1)} % sure`;
    $('latency').textContent = `answered in ${ms < 10 ? ms.toFixed(1) : ms.toFixed(0)} ms`
        + (training ? ' · the network is training: watch its answer change' : '');
    $('latency').dataset.ms = ms.toFixed(2);  // unrounded, for whoever measures the page
    setBars(p, c);
  }

  // ---- Charts ------------------------------------------------------------------------------------------------------

  const widthOf = el => Math.max(el.clientWidth, 240);

  const bars = uPlot.paths.bars({size: [0.7, 44]});
  const probabilities = new uPlot({
    width: widthOf($('probabilities')),
    height: 170,
    legend: {show: false},
    cursor: {show: false},
    scales: {x: {time: false, range: [-0.5, 9.5]}, y: {range: [0, 1]}},
    axes: [
      {splits: () => DIGITS, values: (u, splits) => splits.map(String), grid: {show: false}},
      {splits: () => [0, 0.25, 0.5, 0.75, 1], values: (u, splits) => splits.map(v => `${100 * v}%`), size: 48},
    ],
    series: [
      {},
      {label: 'probability', fill: COLOR.bar, stroke: COLOR.bar, paths: bars, points: {show: false}},
      {label: 'answer', fill: COLOR.accent, stroke: COLOR.accent, paths: bars, points: {show: false}},
    ],
  }, [DIGITS, DIGITS.map(() => 0), DIGITS.map(() => null)], $('probabilities'));

  function setBars(p, answer) {
    probabilities.setData([DIGITS, p.map((v, c) => (c === answer ? null : v)), p.map((v, c) => (c === answer ? v : null))]);
  }

  function lineChart(el, title, x, series, range, legend) {
    return new uPlot({
      title,
      width: widthOf(el),
      height: 190,
      legend: {show: legend, live: false},
      scales: {x: {time: false}, y: {range}},
      // Whole numbers on the x axis: iterations and epochs are counts.
      axes: [{label: x, labelSize: 20, incrs: [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10000, 20000]}, {size: 50}],
      series: [{label: x}, ...series],
    }, [[], ...series.map(() => [])], el);
  }

  const lossChart = lineChart($('loss-chart'), 'Loss on each mini-batch', 'iteration',
      [{label: 'loss', stroke: COLOR.accent, width: 1, points: {show: false}}],
      (u, min, max) => [0, Math.max(2.5, max || 0)], false);
  const accuracyChart = lineChart($('accuracy-chart'), 'Accuracy after each epoch', 'epoch', [
    {label: 'train', stroke: COLOR.accent, width: 2, points: {size: 7}},
    {label: 'test', stroke: COLOR.test, width: 2, dash: [6, 4], points: {size: 7}},
  ], [0, 1], true);

  const curves = {iterations: [], losses: [], epochs: [], train: [], test: []};
  let redraw = 0;

  /** Redraws the curves once per frame at most, however many events arrived since the last. */
  function redrawCurves() {
    if (redraw) return;
    redraw = requestAnimationFrame(() => {
      redraw = 0;
      lossChart.setData([curves.iterations, curves.losses]);
      accuracyChart.setData([curves.epochs, curves.train, curves.test]);
      $('loss-chart').dataset.points = curves.losses.length;
      $('accuracy-chart').dataset.points = curves.epochs.length;
    });
  }

  window.addEventListener('resize', () => {
    for (const [chart, id] of [[probabilities, 'probabilities'], [lossChart, 'loss-chart'], [accuracyChart, 'accuracy-chart']]) {
      chart.setSize({width: widthOf($(id)), height: chart.height});
    }
  });

  // ---- Train -------------------------------------------------------------------------------------------------------

  let training = false;
  let run = null;  // the run the charts show: its settings and its last epoch

  function status(text, error = false) {
    $('train-status').textContent = text;
    $('train-status').classList.toggle('error', error);
  }

  function setTraining(on) {
    training = on;
    $('start').disabled = on;
    $('stop').disabled = !on;
  }

  const settings = r =>
    `${NAMES[r.activation]}, ${r.optimizer}, learning rate ${r.learning_rate}, ${number(r.iterations)} iterations`;

  $('train-form').elements.optimizer.addEventListener('change', event => {
    $('train-form').elements.learning_rate.value = SUGGESTED_RATE[event.target.value];
  });

  $('train-form').addEventListener('submit', async event => {
    event.preventDefault();
    const form = event.target.elements;
    $('start').disabled = true;
    try {
      await post('api/train', {
        activation: form.activation.value,
        optimizer: form.optimizer.value,
        learning_rate: Number(form.learning_rate.value),
        iterations: Number(form.iterations.value),
      });
    } catch (error) {
      status(error.message, true);
      $('start').disabled = training;
    }
  });

  $('stop').addEventListener('click', async () => {
    try {
      await post('api/stop', {});
      status('Stopping after this iteration…');
    } catch (error) {
      status(error.message, true);
    }
  });

  function onRun(r) {
    run = {...r, last: null};
    for (const list of Object.values(curves)) list.length = 0;
    redrawCurves();
    setTraining(true);
    $('progress').value = 0;
    status(`Run ${r.run} (${settings(r)}): loading MNIST…`);
    $('wrong-caption').textContent = 'Shown when training ends.';
    $('wrong').replaceChildren();
  }

  function onLoss(d) {
    d.losses.forEach((loss, i) => {
      curves.iterations.push(d.from + i);
      curves.losses.push(loss);
    });
    const done = d.from + d.losses.length;
    $('progress').value = done / run.iterations;
    const last = run.last;
    const loss = d.losses[d.losses.length - 1];
    status(`Epoch ${last ? last.epoch : 0} · iteration ${number(done)} of ${number(run.iterations)} · loss ${loss.toFixed(4)}`
        + (last ? ` · train ${last.train_accuracy.toFixed(4)} · test ${last.test_accuracy.toFixed(4)}` : ''));
    redrawCurves();
    if (drawn && performance.now() - lastAsked > 250) requestPrediction();
  }

  function onEpoch(d) {
    run.last = d;
    curves.epochs.push(d.epoch);
    curves.train.push(d.train_accuracy);
    curves.test.push(d.test_accuracy);
    redrawCurves();
  }

  function onDone(d) {
    setTraining(false);
    const accuracy = d.test_accuracy === undefined ? ''
        : `: test accuracy ${d.test_accuracy.toFixed(4)}, train ${d.train_accuracy.toFixed(4)}`;
    if (d.status === 'finished') {
      $('progress').value = 1;
      status(`Run ${run.run} finished in ${d.seconds.toFixed(1)} s${accuracy}.`);
    } else if (d.status === 'stopped') {
      status(`Run ${run.run} stopped at iteration ${number(d.iteration)}${accuracy}.`);
    } else {
      status(`Run ${run.run} failed: ${d.message}`, true);
    }
    loadModel();
    requestPrediction();
  }

  const events = new EventSource('api/events');
  events.addEventListener('run', e => onRun(JSON.parse(e.data)));
  events.addEventListener('loss', e => onLoss(JSON.parse(e.data)));
  events.addEventListener('epoch', e => onEpoch(JSON.parse(e.data)));
  events.addEventListener('done', e => onDone(JSON.parse(e.data)));
  let lost = false;
  events.addEventListener('error', () => {
    lost = true;
    status('Lost the connection to the server; trying again…', true);
  });
  events.addEventListener('open', () => {
    if (lost) status('Connected to the server again.');
    lost = false;
  });

  // ---- Look --------------------------------------------------------------------------------------------------------

  async function loadModel() {
    const model = await get('api/model');
    const state = model.description.charAt(0).toUpperCase() + model.description.slice(1);
    $('model-state').textContent = `${model.name}. ${state}.`;
    const rows = [['input', `(batch, ${model.inputs})`, '', '']];
    for (const l of model.layers) {
      rows.push([`${l.name} (Dense)`, `(batch, ${l.units})`, NAMES[l.activation] || l.activation, number(l.parameters)]);
    }
    rows.push(['loss', '', NAMES[model.loss] || model.loss, '']);
    const body = $('summary').tBodies[0];
    body.replaceChildren(...rows.map(cells => {
      const tr = document.createElement('tr');
      cells.forEach((text, i) => {
        const td = document.createElement('td');
        td.textContent = text;
        if (i === 3) td.className = 'num';
        tr.append(td);
      });
      return tr;
    }));
    const foot = $('summary').createTFoot();
    foot.innerHTML = '<tr><td colspan="3">Total parameters</td><td class="num"></td></tr>';
    foot.querySelector('.num').textContent = number(model.total_parameters);
    if (model.state !== 'training') loadWrong(model.state);
  }

  async function loadWrong(state) {
    $('wrong-caption').textContent = 'Classifying the 10,000 test digits…';
    const wrong = await get('api/misclassified');
    $('wrong-caption').textContent = `${number(wrong.wrong)} of ${number(wrong.tested)} test digits are classified wrongly`
        + ` (accuracy ${(100 * wrong.accuracy).toFixed(2)} %)`
        + (state === 'untrained' ? ': the network is untrained and guesses. Train it and look again.' : '.')
        + ` The first ${wrong.digits.length}, as labelled → as classified; click one to draw it.`;
    $('wrong').replaceChildren(...wrong.digits.map(digit => {
      const bytes = atob(digit.pixels);
      const values = Float32Array.from(bytes, ch => ch.charCodeAt(0) / 255);
      const button = document.createElement('button');
      button.type = 'button';
      button.className = 'digit';
      button.title = `test digit ${digit.index}: labelled ${digit.label}, classified as ${digit.predicted}`
          + ` (${(100 * digit.probability).toFixed(0)} %)`;
      const canvas = document.createElement('canvas');
      canvas.width = canvas.height = SIZE;
      paint(canvas.getContext('2d'), values);
      const said = document.createElement('span');
      said.className = 'said';
      said.textContent = digit.predicted;
      const caption = document.createElement('span');
      caption.append(`${digit.label} → `, said);
      button.append(canvas, caption);
      button.addEventListener('click', () => drawDigit(values));
      return button;
    }));
  }

  // ---- Talking to the server ---------------------------------------------------------------------------------------

  async function answer(response) {
    const body = await response.json().catch(() => ({error: `${response.status} ${response.statusText}`}));
    if (!response.ok) throw new Error(body.error || `${response.status} ${response.statusText}`);
    return body;
  }

  const get = url => fetch(url).then(answer);
  const post = (url, body) => fetch(url, {
    method: 'POST',
    headers: {'Content-Type': 'application/json'},
    body: JSON.stringify(body),
  }).then(answer);

  clearPad();
  loadModel().catch(error => status(`Cannot reach the server: ${error.message}`, true));
})();
