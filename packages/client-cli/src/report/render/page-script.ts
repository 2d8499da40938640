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
    // Chart.js would stretch one point or a short span over years: pad the axis by at least an hour.
    var first = Math.min.apply(null, runs.map(function (p) { return p.start; }));
    var last = Math.max.apply(null, runs.map(function (p) { return p.start; }));
    var pad = Math.max((last - first) * 0.02, 3600000);
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
          x: { type: "linear", min: first - pad, max: last + pad, ticks: { callback: function (v) { return last - first < 2 * 86400000 ? day(v).slice(5) : day(v).slice(0, 10); } }, title: { display: true, text: "run start (UTC)" } },
          y: { beginAtZero: true, grace: "10%", title: { display: true, text: "wall time (minutes)" } },
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

  /** A bar chart stacked by client: one dataset per client, one bar per label. */
  function stackedBars(id, labels, clients, counts, xTitle, yTitle) {
    chart(id, {
      type: "bar",
      data: {
        labels: labels,
        datasets: clients.map(function (client, i) { return { label: client, data: counts[i], backgroundColor: colour(i) }; }),
      },
      options: {
        scales: {
          x: { stacked: true, title: { display: !!xTitle, text: xTitle } },
          y: { stacked: true, beginAtZero: true, title: { display: true, text: yTitle } },
        },
      },
    });
  }
  var perDay = data.charts.perDay;
  stackedBars("chart-days", perDay.days, perDay.clients, perDay.counts, "", "sessions");
  var d = data.charts.durations;
  stackedBars("chart-durations", d.buckets, d.clients, d.counts, "session duration", "ended sessions");
  document.body.setAttribute("data-charts", String(drawn));
})();
`;
