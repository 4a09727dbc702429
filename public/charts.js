// Draws the dashboards' charts with the vendored Chart.js, from data-* attributes on <canvas>
// (the CSP allows script files only, so pages carry data, not code). A click on a point or a bar
// opens the responses behind it. Also keeps filter URLs short (empty fields are not sent) and
// makes Back reload the previous view.
(function () {
  'use strict';

  function css(name) {
    return getComputedStyle(document.documentElement).getPropertyValue(name).trim();
  }

  function list(canvas, name) {
    try {
      return JSON.parse(canvas.dataset[name] || '[]');
    } catch (e) {
      return [];
    }
  }

  function narrow() {
    return window.matchMedia('(max-width: 40rem)').matches;
  }

  function openLink(links, index) {
    var href = links[index];
    if (href) window.location.assign(href);
  }

  // Zoom the axis to the data (with a margin), but never beyond what the scale allows.
  function bounds(lo, hi, values) {
    var seen = values.filter(function (v) {
      return v !== null;
    });
    if (!seen.length) return { min: lo, max: hi };
    var min = Math.max(lo, Math.floor(Math.min.apply(null, seen) / 10) * 10 - 10);
    var max = Math.min(hi, Math.ceil(Math.max.apply(null, seen) / 10) * 10 + 10);
    return { min: min, max: max };
  }

  function trend(canvas) {
    var kind = canvas.dataset.kind;
    var values = list(canvas, 'values');
    var low = list(canvas, 'low');
    var high = list(canvas, 'high');
    var n = list(canvas, 'n');
    var thin = list(canvas, 'thin');
    var partial = list(canvas, 'partial');
    var links = list(canvas, 'links');
    var accent = css('--accent');
    var muted = css('--muted');
    var surface = css('--surface');
    var axis = bounds(Number(canvas.dataset.min), Number(canvas.dataset.max), low.concat(high));
    var unit = kind === 'nps' ? '' : '%';
    return new Chart(canvas, {
      type: 'line',
      data: {
        labels: list(canvas, 'labels'),
        datasets: [
          // The 95% interval as a band behind the line: the upper edge filled down to the lower one.
          { data: high, fill: '+1', backgroundColor: css('--accent-soft'), borderWidth: 0, pointRadius: 0, pointHitRadius: 0, order: 2 },
          { data: low, fill: false, borderWidth: 0, pointRadius: 0, pointHitRadius: 0, order: 2 },
          {
            data: values,
            order: 1,
            borderColor: accent,
            borderWidth: 2,
            tension: 0.2,
            spanGaps: false,
            pointRadius: narrow() ? 3 : 4,
            pointHoverRadius: 6,
            pointHitRadius: 12,
            // Points at the edge of the chart are drawn whole, not cut by the plot area.
            clip: false,
            // Points with too few answers, or of a bucket that is cut short or still running, are
            // hollow; the line to and from a partial bucket is dashed.
            pointBackgroundColor: values.map(function (v, i) {
              return thin[i] || partial[i] ? surface : accent;
            }),
            pointBorderColor: thin.map(function (t) {
              return t ? muted : accent;
            }),
            segment: {
              borderDash: function (ctx) {
                return partial[ctx.p0DataIndex] || partial[ctx.p1DataIndex] ? [5, 4] : undefined;
              },
            },
          },
        ],
      },
      options: {
        responsive: true,
        maintainAspectRatio: false,
        animation: false,
        layout: { padding: { top: 8, right: 8 } },
        interaction: { mode: 'index', intersect: false },
        plugins: {
          legend: { display: false },
          tooltip: {
            filter: function (item) {
              return item.datasetIndex === 2;
            },
            callbacks: {
              label: function (item) {
                var i = item.dataIndex;
                if (values[i] === null) return 'No responses';
                var text = (kind === 'nps' && values[i] > 0 ? '+' : '') + values[i] + unit + ' (' + n[i] + ' responses)';
                if (thin[i]) text += ', too few';
                return partial[i] ? text + ', partial period' : text;
              },
              footer: function () {
                return 'Click to see these responses';
              },
            },
          },
        },
        scales: {
          y: { min: axis.min, max: axis.max, ticks: { color: muted }, grid: { color: css('--border') } },
          // A single point sits in the middle, not at the left edge.
          x: { offset: values.length === 1, ticks: { color: muted, maxRotation: 0, autoSkip: true, maxTicksLimit: narrow() ? 4 : 10 }, grid: { display: false } },
        },
        onClick: function (event, elements, chart) {
          var hit = chart.getElementsAtEventForMode(event, 'index', { intersect: false }, true)[0];
          if (hit) openLink(links, hit.index);
        },
        onHover: function (event, elements) {
          event.native.target.style.cursor = elements.length ? 'pointer' : 'default';
        },
      },
    });
  }

  function distribution(canvas) {
    var values = list(canvas, 'values');
    var links = list(canvas, 'links');
    var colour = { low: css('--danger'), mid: css('--border-strong'), high: css('--success') };
    var muted = css('--muted');
    return new Chart(canvas, {
      type: 'bar',
      data: {
        labels: list(canvas, 'labels'),
        datasets: [
          {
            data: values,
            backgroundColor: list(canvas, 'groups').map(function (g) {
              return colour[g];
            }),
            borderRadius: 3,
          },
        ],
      },
      options: {
        responsive: true,
        maintainAspectRatio: false,
        animation: false,
        plugins: {
          legend: { display: false },
          tooltip: {
            callbacks: {
              title: function (items) {
                return 'Score ' + items[0].label;
              },
              label: function (item) {
                return item.raw + ' responses';
              },
              footer: function () {
                return 'Click to see these responses';
              },
            },
          },
        },
        scales: {
          y: { beginAtZero: true, ticks: { color: muted, precision: 0 }, grid: { color: css('--border') } },
          x: { ticks: { color: muted }, grid: { display: false } },
        },
        onClick: function (event, elements) {
          if (elements.length) openLink(links, elements[0].index);
        },
        onHover: function (event, elements) {
          event.native.target.style.cursor = elements.length ? 'pointer' : 'default';
        },
      },
    });
  }

  // customers: churn rates per period, one bar per series ({ label, color, values } in %).
  function rates(canvas) {
    var series = list(canvas, 'series');
    return new Chart(canvas, {
      type: 'bar',
      data: {
        labels: list(canvas, 'labels'),
        datasets: series.map(function (s) {
          return { label: s.label, data: s.values, backgroundColor: css('--' + s.color), borderRadius: 3 };
        }),
      },
      options: {
        maintainAspectRatio: false,
        animation: false,
        scales: { y: { beginAtZero: true, ticks: { callback: function (v) { return v + '%'; } } } },
        plugins: {
          legend: { position: 'bottom' },
          tooltip: {
            callbacks: {
              label: function (item) {
                return item.dataset.label + ': ' + (item.raw === null ? 'no customers' : item.raw + '%');
              },
            },
          },
        },
      },
    });
  }

  var DRAW = { trend: trend, distribution: distribution, rates: rates };

  // Every dashboard view renders whole from its URL, so Back reloads that URL instead of
  // morphing the old page (which would also rewrite the style Chart.js gave its canvases).
  if (typeof htmx !== 'undefined') htmx.config.history = 'reload';

  function draw() {
    if (typeof Chart === 'undefined') return;
    // Charts whose canvas a swap removed are let go.
    Object.values(Chart.instances).forEach(function (chart) {
      if (!chart.canvas.isConnected) chart.destroy();
    });
    document.querySelectorAll('canvas[data-chart]').forEach(function (canvas) {
      var make = DRAW[canvas.dataset.chart];
      if (make && !Chart.getChart(canvas)) make(canvas);
    });
  }

  // Wide screens show the filters unfolded (CSS does it too, where ::details-content is known).
  document.addEventListener('DOMContentLoaded', function () {
    var panel = document.querySelector('details[data-filters]');
    if (panel && window.matchMedia('(min-width: 48rem)').matches) panel.open = true;
  });
  document.addEventListener('DOMContentLoaded', draw);
  // New content from htmx (a filter change, a history restore) is processed, then drawn.
  document.addEventListener('htmx:after:process', draw);

  // Picking a date means a custom range: switch the period menu before htmx reads the form.
  document.addEventListener(
    'change',
    function (event) {
      var t = event.target;
      if (t && (t.id === 'filter-from' || t.id === 'filter-to')) {
        var preset = document.getElementById('filter-preset');
        if (preset) preset.value = 'custom';
      }
    },
    true,
  );

  // The filter form sends only what is set: a preset drops the dates, custom dates drop the preset.
  document.addEventListener('htmx:config:request', function (event) {
    var request = event.detail.ctx.request;
    if (request.method !== 'GET' || !request.body || !request.form || request.form.id !== 'filters') return;
    var body = request.body;
    var preset = body.get('preset');
    if (preset && preset !== 'custom') {
      body.delete('from');
      body.delete('to');
    } else body.delete('preset');
    Array.from(body.keys()).forEach(function (key) {
      if (!body.get(key)) body.delete(key);
    });
  });
})();
