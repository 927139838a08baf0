// siaga's report: what the page draws (engine/src/report/assets/report.js). siaga writes the text
// and tables itself, with every number already formatted; this script only draws, from the JSON in
// #siaga-data: the charts (Chart.js) and the map (Leaflet, canvas renderer, no tiles: the page works
// offline and makes no request). Names from the scenario reach the page only through textContent,
// never as HTML. Once everything is drawn it sets window.siagaReport.ready, for the browser test.
(function () {
  "use strict";

  const data = JSON.parse(document.getElementById("siaga-data").textContent);
  const report = { ready: false, drawn: { charts: {}, map: null }, errors: [] };
  window.siagaReport = report;

  // Colours: phases and bands from a qualitative palette; risk on a sequential ramp (light = low).
  const PALETTE = ["#0b5d8c", "#e07b39", "#3a9d5d", "#b5384a", "#7a5ea8", "#8c6d31"];
  const RAMP = ["#fff5eb", "#fdd0a2", "#fdae6b", "#f16913", "#d94801", "#7f2704"];
  const NONE = "#e8ecef"; // a village where it never happened

  // Charts are drawn once, without animation, so that what the test reads is final.
  Chart.defaults.animation = false;
  Chart.defaults.font.family = getComputedStyle(document.body).fontFamily;
  Chart.defaults.color = "#1d2327";

  // ---- helpers -----------------------------------------------------------------------------

  // A number for axis ticks and legends (the tables' figures come formatted from siaga).
  function tick(v, digits) {
    return Number(v).toLocaleString("en-US", { maximumFractionDigits: digits === undefined ? 2 : digits });
  }
  function percent(p, digits) {
    return tick(100 * p, digits === undefined ? 1 : digits) + "%";
  }
  // A share and its interval as percentages, decimals from the interval's half-width: the rule of
  // io::format_interval (engine/src/io/number_format.cpp), for the TPS hovered on the map, whose
  // figures siaga leaves as numbers to keep a large region's page small.
  function percentInterval(p, low, high) {
    if (p === null || !isFinite(p)) return "n/a";
    const m = 100 * p, lo = 100 * low, hi = 100 * high;
    if (low === null || high === null || !isFinite(lo) || !isFinite(hi)) return tick(m, 2) + "%";
    const half = (hi - lo) / 2;
    let decimals;
    if (half > 0) decimals = Math.min(4, Math.max(0, 1 - Math.floor(Math.log10(half) + 1e-9)));
    else decimals = Math.min(3, Math.max(0, 2 - (m === 0 ? 0 : Math.floor(Math.log10(Math.abs(m))))));
    const f = (x) => x.toLocaleString("en-US", { minimumFractionDigits: decimals, maximumFractionDigits: decimals });
    return f(m) + "% [" + f(lo) + ", " + f(hi) + "]";
  }
  report.percentInterval = percentInterval;

  // An element with text (never HTML) and an optional class.
  function el(tag, text, cls) {
    const e = document.createElement(tag);
    if (text !== undefined && text !== null) e.textContent = text;
    if (cls) e.className = cls;
    return e;
  }
  // Lines of text as a tooltip: the first in bold.
  function tip(lines) {
    const box = el("div", null, "tip");
    lines.forEach((line, i) => box.appendChild(el(i === 0 ? "b" : "div", line)));
    return box;
  }

  // Draws interval whiskers for datasets whose points carry low and high (x or y direction).
  const whiskers = {
    id: "siagaWhiskers",
    afterDatasetsDraw(chart) {
      const ctx = chart.ctx;
      chart.data.datasets.forEach((ds, i) => {
        if (!ds.whiskers || chart.getDatasetMeta(i).hidden) return;
        const meta = chart.getDatasetMeta(i);
        ctx.save();
        ctx.strokeStyle = ds.whiskerColor || "#1d2327";
        ctx.lineWidth = 1.2;
        meta.data.forEach((elem, j) => {
          const w = ds.whiskers[j];
          if (!w) return;
          const { x, y } = elem.getProps(["x", "y"], true);
          ctx.beginPath();
          if (w.yLow !== undefined && w.yLow !== null) {
            const a = chart.scales.y.getPixelForValue(w.yLow), b = chart.scales.y.getPixelForValue(w.yHigh);
            ctx.moveTo(x, a); ctx.lineTo(x, b);
            ctx.moveTo(x - 4, a); ctx.lineTo(x + 4, a);
            ctx.moveTo(x - 4, b); ctx.lineTo(x + 4, b);
          }
          if (w.xLow !== undefined && w.xLow !== null) {
            const a = chart.scales.x.getPixelForValue(w.xLow), b = chart.scales.x.getPixelForValue(w.xHigh);
            ctx.moveTo(a, y); ctx.lineTo(b, y);
            ctx.moveTo(a, y - 4); ctx.lineTo(a, y + 4);
            ctx.moveTo(b, y - 4); ctx.lineTo(b, y + 4);
          }
          ctx.stroke();
        });
        ctx.restore();
      });
    },
  };

  // Marks each response target: a dashed line at the left edge of the bin that starts at it.
  const targetLines = {
    id: "siagaTargets",
    afterDatasetsDraw(chart, args, options) {
      const x = chart.scales.x, area = chart.chartArea, ctx = chart.ctx;
      const step = x.getPixelForValue(1) - x.getPixelForValue(0);
      (options.targets || []).forEach((t, i) => {
        const px = x.getPixelForValue(t.minutes) - step / 2;
        ctx.save();
        ctx.strokeStyle = t.color;
        ctx.setLineDash([6, 4]);
        ctx.lineWidth = 1.5;
        ctx.beginPath();
        ctx.moveTo(px, area.top);
        ctx.lineTo(px, area.bottom);
        ctx.stroke();
        ctx.setLineDash([]);
        ctx.fillStyle = t.color;
        ctx.font = "12px " + Chart.defaults.font.family;
        ctx.fillText(t.label, px + 4, area.top + 14 + 14 * i);
        ctx.restore();
      });
    },
  };

  // Charts are kept by canvas id so that a plan switch replaces them.
  const charts = {};
  function draw(id, config) {
    if (charts[id]) charts[id].destroy();
    const canvas = document.getElementById(id);
    if (!canvas) return;
    charts[id] = new Chart(canvas, config);
    report.drawn.charts[id] = true;
  }

  // ---- one plan's charts -------------------------------------------------------------------

  function responseChart(plan) {
    const r = plan.response;
    // Minutes past the last one that saw anything (and past the targets) only stretch the axis.
    let last = 0;
    r.bands.forEach((b) => b.values.forEach((v, i) => { if (v > 0 && i < r.labels.length - 2) last = Math.max(last, i); }));
    r.bands.forEach((b) => { last = Math.max(last, Math.ceil(b.target_minutes) + 5); });
    const keep = (i) => i <= Math.min(last, r.labels.length - 3) || i >= r.labels.length - 2;
    const labels = r.labels.filter((_, i) => keep(i));
    draw("chart-response", {
      type: "bar",
      data: {
        labels: labels,
        datasets: r.bands.map((b, k) => ({
          label: b.label,
          data: b.values.filter((_, i) => keep(i)),
          backgroundColor: PALETTE[k % PALETTE.length],
          barPercentage: 1.0,
          categoryPercentage: 0.95,
        })),
      },
      options: {
        responsive: true,
        maintainAspectRatio: false,
        scales: {
          x: { stacked: true, title: { display: true, text: "minutes from the report to the first officer on scene" } },
          y: { stacked: true, title: { display: true, text: "incidents per day" }, ticks: { callback: (v) => tick(v, 3) } },
        },
        plugins: {
          legend: { position: "bottom" },
          siagaTargets: {
            targets: r.bands.map((b, k) => ({ minutes: b.target_minutes, label: b.label, color: PALETTE[k % PALETTE.length] })),
          },
          tooltip: { callbacks: { label: (c) => c.dataset.label + ": " + tick(c.parsed.y, 4) + " a day" } },
        },
      },
      plugins: [targetLines],
    });
  }

  function hoursChart(plan) {
    const h = plan.hours;
    draw("chart-hours", {
      type: "bar",
      data: {
        labels: h.labels,
        datasets: h.phases.map((p, k) => ({ label: p.name, data: p.values, backgroundColor: PALETTE[k % PALETTE.length] })),
      },
      options: {
        responsive: true,
        maintainAspectRatio: false,
        scales: {
          x: { stacked: true, title: { display: true, text: "hour the incident was reported" } },
          y: { stacked: true, title: { display: true, text: "incidents per day" }, ticks: { callback: (v) => tick(v, 3) } },
        },
        plugins: { legend: { position: "bottom" } },
      },
    });
  }

  function utilizationChart(plan) {
    const u = plan.utilization;
    draw("chart-utilization", {
      type: "bar",
      data: {
        labels: u.map((k) => k.label),
        datasets: [{
          label: "busy share of on-duty officer-hours",
          data: u.map((k) => 100 * k.mean),
          backgroundColor: PALETTE[0],
          whiskers: u.map((k) => ({ xLow: 100 * k.low, xHigh: 100 * k.high })),
        }],
      },
      options: {
        indexAxis: "y",
        responsive: true,
        maintainAspectRatio: false,
        scales: { x: { beginAtZero: true, title: { display: true, text: "utilisation, % (interval whiskers)" } } },
        plugins: {
          legend: { display: false },
          tooltip: { callbacks: { label: (c) => u[c.dataIndex].text } },
        },
      },
      plugins: [whiskers],
    });
  }

  // ---- the map -----------------------------------------------------------------------------

  const places = data.places;
  let map = null, villageLayer = null, villageShapes = [], legend = null;
  let current = { plan: 0, measure: "late" };

  // Five classes up to a round maximum; 0 gets its own colour (it never happened there).
  function classes(values) {
    let max = 0;
    values.forEach((v) => { if (v !== null && v > max) max = v; });
    if (max <= 0) return [];
    const magnitude = Math.pow(10, Math.floor(Math.log10(max)));
    const top = [1, 2, 2.5, 5, 10].map((m) => m * magnitude).find((m) => m >= max);
    return [1, 2, 3, 4, 5].map((k) => (top * k) / 5);
  }
  function colour(v, breaks) {
    if (v === null || v === undefined) return "#ffffff";
    if (v <= 0 || breaks.length === 0) return NONE;
    const k = breaks.findIndex((b) => v <= b);
    return RAMP[1 + (k < 0 ? breaks.length - 1 : k) % (RAMP.length - 1)] || RAMP[RAMP.length - 1];
  }

  function buildMap() {
    const container = document.getElementById("map");
    if (!container || !places) return;
    const renderer = L.canvas({ padding: 0.5, tolerance: 3 });
    map = L.map(container, { preferCanvas: true, renderer: renderer, zoomSnap: 0.25 });
    map.attributionControl.setPrefix("Leaflet");

    const bounds = L.latLngBounds([]);
    const tpsLayer = L.featureGroup();
    const t = places.tps;
    for (let i = 0; i < t.lat.length; ++i) {
      if (t.lat[i] === null || t.lon[i] === null) continue;
      // Small and faint: the villages' colours carry the risk, the dots only say where TPS stand.
      const m = L.circleMarker([t.lat[i], t.lon[i]], {
        renderer: renderer, radius: 2, weight: 0, fillColor: "#1d2327", fillOpacity: 0.45,
      });
      m.tpsIndex = i;
      tpsLayer.addLayer(m);
      bounds.extend([t.lat[i], t.lon[i]]);
    }
    tpsLayer.bindTooltip((layer) => tpsTip(layer.tpsIndex), { sticky: true });

    const tpsPerVillage = places.villages.map(() => 0);
    t.village.forEach((v) => { tpsPerVillage[v] += 1; });
    villageLayer = L.featureGroup();
    places.villages.forEach((v, i) => {
      let shape;
      if (v.geometry) {
        shape = L.geoJSON(v.geometry, { renderer: renderer, style: { weight: 1, color: "#5b6670", fillOpacity: 0.75 } });
      } else {
        // Without a boundary, a circle whose area grows with the village's TPS.
        shape = L.circleMarker([v.lat, v.lon], {
          renderer: renderer, radius: 5 + 2 * Math.sqrt(tpsPerVillage[i]), weight: 1, color: "#5b6670", fillOpacity: 0.85,
        });
      }
      // The hovered layer is the innermost one (a polygon of a GeoJSON group): each knows its village.
      shape.villageIndex = i;
      if (shape.eachLayer) shape.eachLayer((part) => { part.villageIndex = i; });
      villageShapes.push(shape);
      villageLayer.addLayer(shape);
      if (v.lat !== null && v.lon !== null) bounds.extend([v.lat, v.lon]);
    });
    villageLayer.bindTooltip((layer) => villageTip(layer.villageIndex), { sticky: true });

    const postLayer = L.featureGroup();
    places.posts.forEach((p, i) => {
      const m = L.circleMarker([p.lat, p.lon], { renderer: renderer, radius: 6, weight: 2, color: "#ffffff", fillColor: "#0b5d8c", fillOpacity: 1 });
      m.postIndex = i;
      postLayer.addLayer(m);
    });
    postLayer.bindTooltip((layer) => postTip(layer.postIndex), { sticky: true });

    villageLayer.addTo(map);
    tpsLayer.addTo(map);
    postLayer.addTo(map);
    const fit = () => {
      if (bounds.isValid()) map.fitBounds(bounds.pad(0.05), { animate: false });
      else map.setView([-2.5, 118], 5, { animate: false });
    };
    fit();

    legend = L.control({ position: "bottomright" });
    legend.onAdd = () => L.DomUtil.create("div", "legend");
    legend.addTo(map);

    document.querySelectorAll("input[name=measure]").forEach((input) => {
      input.addEventListener("change", () => { current.measure = input.value; colourVillages(); });
    });
    report.drawn.map = { tps: tpsLayer.getLayers().length, villages: villageShapes.length, posts: postLayer.getLayers().length };
    report.map = map; // for the browser test: it hovers a TPS at its position
    report.fitMap = fit; // and shows every place again before its screenshots
    report.places = places;
  }

  function tpsTip(i) {
    const p = data.plans[current.plan].tps, t = places.tps;
    const village = places.villages[t.village[i]];
    return tip([
      "TPS " + t.id[i],
      village.name + " (" + village.kecamatan + "), " + places.categories[t.category[i]],
      "late response on " + percentInterval(p.late[i], p.late_low[i], p.late_high[i]) + " of days",
      "an escalation on " + percentInterval(p.esc[i], p.esc_low[i], p.esc_high[i]) + " of days",
    ]);
  }
  function villageTip(i) { return tip(data.plans[current.plan].villages.text[i]); }
  function postTip(i) { return tip(data.plans[current.plan].posts.text[i]); }

  function colourVillages() {
    if (!map) return;
    const plan = data.plans[current.plan].villages;
    const values = current.measure === "late" ? plan.late : plan.esc;
    const breaks = classes(values);
    villageShapes.forEach((shape, i) => {
      const fill = colour(values[i], breaks);
      shape.setStyle({ fillColor: fill });
    });
    const box = legend.getContainer();
    box.replaceChildren();
    box.appendChild(el("div", current.measure === "late" ? "Chance of a late response on a day" : "Chance of an escalation on a day", "title"));
    const row = (fill, text) => {
      const line = el("div");
      const swatch = el("span", null, "swatch");
      swatch.style.background = fill;
      line.appendChild(swatch);
      line.appendChild(document.createTextNode(text));
      box.appendChild(line);
    };
    row(NONE, "never");
    let from = 0;
    breaks.forEach((b, k) => { row(RAMP[1 + k], percent(from) + " to " + percent(b)); from = b; });
    box.appendChild(el("div", "dots: TPS · blue: posts", "note"));
  }

  // ---- the sweep ---------------------------------------------------------------------------

  function sweepChart() {
    const pts = data.sweep.points.slice().sort((a, b) => a.x - b.x);
    const knee = pts.filter((p) => p.knee);
    draw("chart-sweep", {
      type: "scatter",
      data: {
        datasets: [
          {
            label: "grid points (whiskers: intervals)",
            data: pts.map((p) => ({ x: p.x, y: 100 * p.y })),
            showLine: true,
            borderColor: PALETTE[0],
            backgroundColor: PALETTE[0],
            pointRadius: 4,
            whiskers: pts.map((p) => ({ xLow: p.x_low, xHigh: p.x_high, yLow: 100 * p.y_low, yHigh: 100 * p.y_high })),
          },
          {
            label: "knee",
            data: knee.map((p) => ({ x: p.x, y: 100 * p.y })),
            backgroundColor: "#b42318",
            borderColor: "#b42318",
            pointRadius: 8,
            pointStyle: "rectRot",
          },
        ],
      },
      options: {
        responsive: true,
        maintainAspectRatio: false,
        scales: {
          x: { title: { display: true, text: "officer-hours on duty per day" }, ticks: { callback: (v) => tick(v, 0) } },
          y: { title: { display: true, text: "chance of an escalation on a day, %" }, beginAtZero: true },
        },
        plugins: {
          legend: { position: "bottom" },
          tooltip: {
            callbacks: {
              label: (c) => {
                const p = c.datasetIndex === 0 ? pts[c.dataIndex] : knee[c.dataIndex];
                return p.label + ": " + tick(p.x, 0) + " officer-hours, " + percent(p.y);
              },
            },
          },
        },
      },
      plugins: [whiskers],
    });
  }

  // ---- plans -------------------------------------------------------------------------------

  function showPlan(k) {
    current.plan = k;
    document.querySelectorAll("[data-plan]").forEach((e) => { e.hidden = Number(e.dataset.plan) !== k; });
    document.querySelectorAll(".picker button").forEach((b) => b.setAttribute("aria-pressed", String(Number(b.dataset.pick) === k)));
    const plan = data.plans[k];
    responseChart(plan);
    hoursChart(plan);
    utilizationChart(plan);
    colourVillages();
  }

  try {
    if (data.sweep) sweepChart();
    if (data.plans && data.plans.length > 0) {
      buildMap();
      document.querySelectorAll(".picker button").forEach((b) => b.addEventListener("click", () => showPlan(Number(b.dataset.pick))));
      showPlan(0);
    }
  } catch (e) {
    report.errors.push(String(e));
    throw e;
  }
  // Leaflet's canvas draws on the next animation frame: ready once that frame has been painted.
  requestAnimationFrame(() => requestAnimationFrame(() => { report.ready = true; }));
})();
