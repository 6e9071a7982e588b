// dyadwatch pages: draw charts from JSON data blocks and filter tables.
// Shared by the dashboard (served from /static/) and the HTML report (inlined).
// Data arrive as JSON in <script type="application/json"> blocks; text is only ever
// written with textContent or handed to Plotly as data, never parsed as HTML.
(function () {
  "use strict";

  var QUADS = [
    ["n_verbal_cooperation", "verbal cooperation", "#60a5fa"],
    ["n_material_cooperation", "material cooperation", "#1d4ed8"],
    ["n_verbal_conflict", "verbal conflict", "#fca5a5"],
    ["n_material_conflict", "material conflict", "#b91c1c"],
  ];
  var BLOCS = ["#2563eb", "#16a34a", "#9333ea", "#ea580c", "#0891b2", "#ca8a04"];
  var CONFIG = { displaylogo: false, responsive: true, modeBarButtonsToRemove: ["lasso2d", "select2d"] };
  var FONT = { family: "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif", size: 12, color: "#1f2937" };

  function readData(id) {
    var block = document.getElementById(id);
    return block ? JSON.parse(block.textContent) : null;
  }

  function pick(rows, key) {
    return rows.map(function (row) { return row[key]; });
  }

  function signalMarks(signals) {
    var shapes = [], notes = [];
    signals.forEach(function (report) {
      var s = report.signal;
      shapes.push({ type: "line", xref: "x", yref: "paper", x0: s.start, x1: s.start, y0: 0, y1: 1,
        line: { color: "#111827", width: 1.5, dash: "dot" } });
      notes.push({ x: s.start, y: 1, xref: "x", yref: "paper", yanchor: "bottom", showarrow: false,
        text: s.kind.replace("_", " "), font: { size: 11, color: "#111827" } });
    });
    return { shapes: shapes, annotations: notes };
  }

  function timeline(el, data) {
    var index = data.alignment, months = pick(index, "month");
    var traces = [
      { x: months, y: pick(index, "high"), mode: "lines", line: { width: 0 }, hoverinfo: "skip",
        showlegend: false, yaxis: "y" },
      { x: months, y: pick(index, "low"), mode: "lines", line: { width: 0 }, fill: "tonexty",
        fillcolor: "rgba(37, 99, 235, 0.18)", name: "90% band", hoverinfo: "skip", yaxis: "y" },
      { x: months, y: pick(index, "index"), mode: "lines+markers", name: "alignment index",
        line: { color: "#1e3a8a", width: 2 }, marker: { size: 4 }, yaxis: "y" },
    ];
    QUADS.forEach(function (quad) {
      traces.push({ x: pick(data.series, "period"), y: pick(data.series, quad[0]), type: "bar",
        name: quad[1], marker: { color: quad[2] }, yaxis: "y2" });
    });
    var marks = signalMarks(data.signals || []);
    Plotly.newPlot(el, traces, {
      font: FONT, barmode: "stack", height: 420, margin: { l: 56, r: 16, t: 28, b: 40 },
      paper_bgcolor: "rgba(0,0,0,0)", plot_bgcolor: "rgba(0,0,0,0)", hovermode: "x unified",
      legend: { orientation: "h", y: -0.14 },
      yaxis: { domain: [0.42, 1], range: [-1.05, 1.05], title: { text: "alignment" },
        zeroline: true, zerolinecolor: "#9ca3af", gridcolor: "#e5e7eb" },
      yaxis2: { domain: [0, 0.32], title: { text: "events" }, gridcolor: "#e5e7eb" },
      xaxis: { type: "date", anchor: "y2", gridcolor: "#f3f4f6" },
      shapes: marks.shapes, annotations: marks.annotations,
    }, CONFIG);
  }

  function circle(nodes) {
    var sorted = nodes.slice().sort(function (a, b) {
      var ba = a.bloc < 0 ? 1e9 : a.bloc, bb = b.bloc < 0 ? 1e9 : b.bloc;
      return ba - bb || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
    });
    var where = {};
    sorted.forEach(function (node, i) {
      var angle = (2 * Math.PI * i) / sorted.length;
      where[node.id] = [Math.cos(angle), Math.sin(angle), node.bloc];
    });
    return where;
  }

  function network(el, data) {
    var where = circle(data.nodes), traces = [];
    data.edges.forEach(function (edge) {
      var a = where[edge.source], b = where[edge.target];
      traces.push({ x: [a[0], b[0]], y: [a[1], b[1]], mode: "lines", hoverinfo: "text",
        text: edge.source + "–" + edge.target + ": net " + edge.weight.toFixed(2) + ", " + edge.n_events + " events",
        line: { width: 1 + Math.min(6, edge.volume / 3),
          color: edge.sign > 0 ? "rgba(22, 163, 74, 0.7)" : edge.sign < 0 ? "rgba(220, 38, 38, 0.7)" : "#9ca3af" },
        showlegend: false });
    });
    var ids = Object.keys(where);
    traces.push({ x: ids.map(function (id) { return where[id][0]; }), y: ids.map(function (id) { return where[id][1]; }),
      mode: "markers+text", text: ids, textposition: "top center", hoverinfo: "text", showlegend: false,
      marker: { size: 14, line: { width: 1, color: "#fff" },
        color: ids.map(function (id) { var bloc = where[id][2]; return bloc < 0 ? "#6b7280" : BLOCS[bloc % BLOCS.length]; }) } });
    var hidden = { visible: false, range: [-1.3, 1.3] };
    Plotly.newPlot(el, traces, { font: FONT, height: 520, margin: { l: 10, r: 10, t: 10, b: 10 },
      paper_bgcolor: "rgba(0,0,0,0)", plot_bgcolor: "rgba(0,0,0,0)", xaxis: hidden,
      yaxis: Object.assign({ scaleanchor: "x" }, hidden) }, CONFIG);
  }

  var CHARTS = { timeline: timeline, network: network };

  function drawCharts() {
    document.querySelectorAll("[data-chart]").forEach(function (el) {
      var data = readData(el.getAttribute("data-source"));
      var draw = CHARTS[el.getAttribute("data-chart")];
      if (data && draw && window.Plotly) { draw(el, data); }
    });
  }

  function bindFilters() {
    document.querySelectorAll("input[data-filter]").forEach(function (input) {
      var table = document.getElementById(input.getAttribute("data-filter"));
      var count = document.getElementById(input.getAttribute("data-filter") + "-shown");
      if (!table) { return; }
      input.addEventListener("input", function () {
        var query = input.value.trim().toLowerCase(), shown = 0;
        Array.prototype.forEach.call(table.tBodies[0].rows, function (row) {
          var hit = !query || row.textContent.toLowerCase().indexOf(query) >= 0;
          row.hidden = !hit;
          shown += hit ? 1 : 0;
        });
        if (count) { count.textContent = String(shown); }
      });
    });
  }

  function start() {
    bindFilters();
    drawCharts();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
