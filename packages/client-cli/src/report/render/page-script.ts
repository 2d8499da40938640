/**
 * The page's own script, run in the browser after Chart.js: draws the three
 * charts from the embedded JSON. Kept as text because it runs in a browser,
 * not in Node; every label reaches Chart.js as data and is drawn on a canvas,
 * never parsed as HTML. Animation is off so that a printed or captured page
 * shows the final charts; `data-charts` on <body> counts the charts drawn.
 */
export const PAGE_SCRIPT = String.raw`
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("report-data").textContent);
  var palette = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf"];
  var colour = function (i) { return palette[i % palette.length]; };
  var day = function (ms) { return new Date(ms).toISOString().slice(0, 16).replace("T", " "); };
  Chart.defaults.animation = false;
  Chart.defaults.maintainAspectRatio = false;
  var drawn = 0;
  function chart(id, config) {
    var canvas = document.getElementById(id);
    if (!canvas) return;
    new Chart(canvas, config);
    drawn++;
  }

  var runs = data.charts.runPoints;
  var runClients = data.runs.byClient.map(function (c) { return c.client; });
  if (runs.length) {
    chart("chart-runs", {
      type: "scatter",
      data: {
        datasets: runClients.map(function (client, i) {
          return {
            label: client,
            backgroundColor: colour(i),
            borderColor: colour(i),
            showLine: true,
            data: runs.filter(function (p) { return p.client === client; }).map(function (p) {
              return { x: p.start, y: p.wallMs / 60000, hosts: p.hosts, sessions: p.sessions, rationale: p.rationale };
            }),
          };
        }),
      },
      options: {
        scales: {
          x: { type: "linear", ticks: { callback: function (v) { return day(v).slice(0, 10); } }, title: { display: true, text: "run start (UTC)" } },
          y: { beginAtZero: true, title: { display: true, text: "wall time (minutes)" } },
        },
        plugins: {
          tooltip: {
            callbacks: {
              label: function (ctx) {
                var p = ctx.raw;
                return ctx.dataset.label + " " + day(p.x) + ": " + p.y.toFixed(1) + " min, " + p.hosts + " hosts, " + p.sessions + " sessions, " + p.rationale;
              },
            },
          },
        },
      },
    });
  }

  var perDay = data.charts.perDay;
  chart("chart-days", {
    type: "bar",
    data: {
      labels: perDay.days,
      datasets: perDay.clients.map(function (client, i) { return { label: client, data: perDay.counts[i], backgroundColor: colour(i) }; }),
    },
    options: { scales: { x: { stacked: true }, y: { stacked: true, beginAtZero: true, title: { display: true, text: "sessions" } } } },
  });

  var d = data.charts.durations;
  chart("chart-durations", {
    type: "bar",
    data: {
      labels: d.buckets,
      datasets: d.clients.map(function (client, i) { return { label: client, data: d.counts[i], backgroundColor: colour(i) }; }),
    },
    options: { scales: { x: { stacked: true, title: { display: true, text: "session duration" } }, y: { stacked: true, beginAtZero: true, title: { display: true, text: "ended sessions" } } } },
  });
  document.body.setAttribute("data-charts", String(drawn));
})();
`;
