// The report in a real browser: siaga writes the reports of the shipped scenarios (a run, a
// comparison, a sweep), of a scenario with village polygons, of one whose names are hostile, and of
// a generated region of 62,000 TPS; headless Debian chromium, driven by playwright-core through the
// DevTools protocol, opens each and the test fails on any console error, page error, request that
// leaves the page or failed request, checks that every chart and the map drew (canvas pixels), that
// hovering a TPS shows its figures, that hostile names show as text and run nothing, and saves a
// screenshot of each under the build folder. Exit 77 (ctest: skipped) only when chromium or the
// driver is missing.
//
//   node report_test.mjs --siaga BUILD/tools/siaga --source SOURCE_DIR --work BUILD/tests/browser
//                        --modules .cache/browser-test/node_modules [--chromium /usr/bin/chromium]

import { execFileSync } from "node:child_process";
import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { pathToFileURL } from "node:url";

const SKIP = 77;
const args = Object.fromEntries(
  process.argv.slice(2).reduce((pairs, a, i, all) => (a.startsWith("--") ? [...pairs, [a.slice(2), all[i + 1]]] : pairs), []),
);
if (!args.siaga || !args.source || !args.work || !args.modules) {
  console.error("usage: node report_test.mjs --siaga PATH --source DIR --work DIR --modules DIR");
  process.exit(2);
}
const siaga = path.resolve(args.siaga);
const source = path.resolve(args.source);
const work = path.resolve(args.work);
const chromiumPath = args.chromium || "/usr/bin/chromium";
if (!fs.existsSync(chromiumPath)) {
  console.log(`SKIP: ${chromiumPath} is not installed (tools/test.sh installs Debian's chromium)`);
  process.exit(SKIP);
}
let chromium;
try {
  chromium = createRequire(path.resolve(args.modules, "..", "package.json"))("playwright-core").chromium;
} catch (e) {
  console.log(`SKIP: playwright-core is not installed in ${args.modules} (tools/test.sh installs it): ${e.message}`);
  process.exit(SKIP);
}

const failures = [];
function check(ok, what) {
  if (!ok) failures.push(what);
  console.log(`${ok ? "ok  " : "FAIL"} ${what}`);
}

fs.rmSync(work, { recursive: true, force: true });
fs.mkdirSync(work, { recursive: true });

// ---- results to report ---------------------------------------------------------------------

function run(...argv) {
  execFileSync(siaga, argv, { cwd: work, stdio: ["ignore", "ignore", "inherit"] });
}
function readJson(file) {
  return JSON.parse(fs.readFileSync(file, "utf8"));
}
function csvRows(file) {
  return fs.readFileSync(file, "utf8").trimEnd().split("\n").length - 1;
}

// Pasrepan with its villages' real boundaries (data/boundaries, Kab. Pasuruan): the polygon map.
function polygonScenario() {
  const scenario = readJson(path.join(source, "scenarios", "pasrepan-pilkades.json"));
  const codes = new Set(scenario.region.villages.map((v) => v.code));
  const all = readJson(path.join(source, "data", "boundaries", "desa_kab_pasuruan.geojson"));
  const features = all.features.filter((f) => codes.has(f.properties.kode));
  fs.writeFileSync(path.join(work, "pasrepan-villages.geojson"), JSON.stringify({ type: "FeatureCollection", features }));
  scenario.region.boundaries = { villages: "pasrepan-villages.geojson" };
  fs.writeFileSync(path.join(work, "pasrepan-polygons.json"), JSON.stringify(scenario));
  return features.length;
}

// The sandbox with names a report must show as text: markup, a closing script tag, Unicode.
const HOSTILE_VILLAGE = "<script>alert(1)</script>";
const HOSTILE_KECAMATAN = "Kecamatan </script><b id=\"injected\">x</b> Ñgàntüngan ꦗꦮ";
function hostileScenario() {
  const scenario = readJson(path.join(source, "scenarios", "sandbox.json"));
  scenario.region.villages[0].name = HOSTILE_VILLAGE;
  scenario.region.kecamatan[0].name = HOSTILE_KECAMATAN;
  scenario.forces.posts[0].name = "Polres <img src=x onerror=alert(2)> \u2028 line";
  scenario.description = "A hostile description & <!-- a comment opener";
  fs.writeFileSync(path.join(work, "hostile.json"), JSON.stringify(scenario));
}

const started = Date.now();
const polygons = polygonScenario();
hostileScenario();
run("run", "sandbox.json", "-n", "200", "--out", "run-sandbox", "--report", "--quiet");
run("run", "pasrepan-polygons.json", "-n", "200", "--out", "run-polygons", "--report", "--quiet");
run("run", "hostile.json", "-n", "100", "--out", "run-hostile", "--report", "--quiet");
run("compare", "jepara-pilkada.json", "-n", "200", "--out", "compare-jepara", "--report", "--quiet");
run("sweep", "jepara-pilkada.json", "--plan", "doctrine", "--set", "plans.doctrine.retention.rawan.hours=0:4:1",
    "-n", "50", "--out", "sweep-jepara", "--report", "--quiet");
run("generate", "--villages", "4400", "--tps", "62000", "--road-nodes", "40000", "--seed", "3", "-o", "large.json");
run("run", "large.json", "-n", "10", "--out", "run-large", "--report", "--quiet");
console.log(`results and reports written in ${((Date.now() - started) / 1000).toFixed(1)} s`);

// ---- the browser ---------------------------------------------------------------------------

const browser = await chromium.launch({
  executablePath: chromiumPath,
  headless: true,
  args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
         "--disable-component-update", "--disable-sync"],
});

// Opens a report and checks what every report must hold; returns the page for more checks.
async function open(name, { charts, tps, villages, posts }) {
  const file = path.join(work, name, "report.html");
  const url = pathToFileURL(file).href;
  const context = await browser.newContext({ viewport: { width: 1200, height: 900 }, deviceScaleFactor: 1 });
  const page = await context.newPage();
  const problems = [];
  page.on("console", (m) => { if (m.type() === "error" || m.type() === "warning") problems.push(`console ${m.type()}: ${m.text()}`); });
  page.on("pageerror", (e) => problems.push(`page error: ${e.message}`));
  page.on("dialog", async (d) => { problems.push(`a dialog opened: ${d.message()}`); await d.dismiss(); });
  page.on("request", (r) => { if (r.url() !== url && !r.url().startsWith("data:")) problems.push(`request: ${r.url()}`); });
  page.on("requestfailed", (r) => problems.push(`failed request: ${r.url()}`));

  const t0 = Date.now();
  await page.goto(url, { waitUntil: "load", timeout: 120000 });
  await page.waitForFunction(() => window.siagaReport && window.siagaReport.ready, null, { timeout: 120000 });
  const seconds = (Date.now() - t0) / 1000;
  const bytes = fs.statSync(file).size;
  console.log(`${name}: ${(bytes / 1e6).toFixed(2)} MB, drawn in ${seconds.toFixed(2)} s`);

  // Every chart drew: its canvas has coloured pixels.
  const inked = await page.evaluate((ids) => ids.map((id) => {
    const c = document.getElementById(id);
    if (!c) return -1;
    const px = c.getContext("2d").getImageData(0, 0, c.width, c.height).data;
    let n = 0;
    for (let i = 3; i < px.length; i += 4) if (px[i] > 0) ++n;
    return n;
  }), charts);
  charts.forEach((id, i) => check(inked[i] > 2000, `${name}: chart ${id} drew (${inked[i]} pixels)`));

  if (tps !== undefined) {
    const drawn = await page.evaluate(() => window.siagaReport.drawn.map);
    check(drawn && drawn.tps === tps, `${name}: the map holds the ${tps} TPS (${drawn && drawn.tps})`);
    check(drawn && drawn.villages === villages, `${name}: the map holds the ${villages} villages`);
    check(drawn && drawn.posts === posts, `${name}: the map holds the ${posts} posts`);
    const mapInk = await page.evaluate(() => {
      const c = document.querySelector("#map canvas");
      if (!c) return 0;
      const px = c.getContext("2d").getImageData(0, 0, c.width, c.height).data;
      let n = 0;
      for (let i = 3; i < px.length; i += 4) if (px[i] > 0) ++n;
      return n;
    });
    check(mapInk > 500, `${name}: the map drew on its canvas (${mapInk} pixels)`);
  }
  await page.screenshot({ path: path.join(work, `${name}.png`), fullPage: true });
  return { page, problems, context, seconds, bytes };
}

async function close(name, opened) {
  check(opened.problems.length === 0, `${name}: no console error, page error or request` +
        (opened.problems.length ? `: ${opened.problems.slice(0, 5).join(" | ")}` : ""));
  await opened.context.close();
}

// Hovering the first TPS on the map shows its figures.
async function hoverTps(name, page) {
  await page.locator("#map").scrollIntoViewIfNeeded();
  const id = await page.evaluate(() => {
    const r = window.siagaReport, t = r.places.tps;
    r.map.setView([t.lat[0], t.lon[0]], Math.max(r.map.getZoom(), 12), { animate: false });
    return t.id[0];
  });
  const box = await page.locator("#map").boundingBox();
  const point = await page.evaluate(() => {
    const r = window.siagaReport, t = r.places.tps;
    return r.map.latLngToContainerPoint([t.lat[0], t.lon[0]]);
  });
  await page.mouse.move(box.x + point.x + 3, box.y + point.y + 3);
  await page.mouse.move(box.x + point.x, box.y + point.y);
  const tip = await page.waitForSelector(".leaflet-tooltip", { timeout: 5000 }).then((e) => e.textContent()).catch(() => "");
  // TPS of one village may stand on one road node: any of them may answer the hover.
  check(tip.startsWith("TPS ") && tip.includes("late response on") && tip.includes("an escalation on"),
        `${name}: hovering TPS ${id} shows a TPS's figures (${tip.slice(0, 70)})`);
  return tip;
}

// The run of the sandbox: every section, the formatter the map's hover uses.
{
  const name = "run-sandbox";
  const o = await open(name, { charts: ["chart-response", "chart-hours", "chart-utilization"],
                               tps: csvRows(path.join(work, name, "tps.csv")), villages: 3, posts: 2 });
  const text = await o.page.evaluate(() => document.body.innerText);
  for (const heading of ["The scenario", "The headline figures", "How fast the first officer arrives",
                         "Incidents over the day, by phase", "Where the risk is", "Per kecamatan and Polsek",
                         "Units: utilisation by kind and the busiest units", "The riskiest TPS"])
    check(text.includes(heading), `${name}: has the section "${heading}"`);
  // The map's hover formats as siaga formats (html_text.cpp's percent_interval_text; the same
  // cases are held to the same strings in tests/report/report_test.cpp).
  const formatted = await o.page.evaluate(() => [
    window.siagaReport.percentInterval(0.012, 0.004, 0.03),
    window.siagaReport.percentInterval(0.5, 0.4690, 0.5310),
    window.siagaReport.percentInterval(0, 0, 0.0185),
    window.siagaReport.percentInterval(null, 0, 1),
  ]);
  check(JSON.stringify(formatted) === JSON.stringify(["1.2% [0.4, 3.0]", "50.0% [46.9, 53.1]", "0.00% [0.00, 1.85]", "n/a"]),
        `${name}: the hover's formatter agrees with siaga's (${formatted.join(" | ")})`);
  await hoverTps(name, o.page);
  await o.page.check("input[value=esc]");
  const legend = await o.page.textContent(".legend");
  check(legend.includes("escalation"), `${name}: the map switches to escalations`);
  await close(name, o);
}

// Polygons: villages drawn as their boundaries.
{
  const name = "run-polygons";
  check(polygons === 3, `the polygon scenario has its 3 villages' boundaries (${polygons})`);
  const geo = readJson(path.join(work, name, "villages.geojson"));
  check(geo.features.every((f) => f.geometry.type === "Polygon" || f.geometry.type === "MultiPolygon"),
        `${name}: villages.geojson holds polygons`);
  const o = await open(name, { charts: ["chart-response", "chart-hours", "chart-utilization"],
                               tps: csvRows(path.join(work, name, "tps.csv")), villages: 3, posts: 3 });
  check(await o.page.evaluate(() => window.siagaReport.places.polygons === true), `${name}: the map draws polygons`);
  await close(name, o);
}

// Hostile names: shown as written, nothing runs, nothing is injected.
{
  const name = "run-hostile";
  const o = await open(name, { charts: ["chart-response", "chart-hours", "chart-utilization"],
                               tps: csvRows(path.join(work, name, "tps.csv")), villages: 3, posts: 2 });
  const text = await o.page.evaluate(() => document.body.innerText);
  const tip = await hoverTps(name, o.page);
  check(tip.includes(HOSTILE_VILLAGE), `${name}: the village named ${HOSTILE_VILLAGE} shows as text on hover`);
  check(text.includes("Ñgàntüngan ꦗꦮ"), `${name}: Unicode names show as written`);
  check(await o.page.evaluate(() => document.getElementById("injected") === null), `${name}: no markup from a name reached the page`);
  check(await o.page.evaluate(() => document.querySelectorAll("script").length === 4), `${name}: no script element from a name`);
  const held = await o.page.evaluate(() => window.siagaReport.places.villages[0].name);
  check(held === HOSTILE_VILLAGE, `${name}: the map's data holds the name unchanged`);
  check(text.includes("A hostile description & <!-- a comment opener"), `${name}: the description shows as written`);
  await close(name, o);
}

// The comparison of Jepara's plans: side by side, and each plan's details.
{
  const name = "compare-jepara";
  const o = await open(name, { charts: ["chart-response", "chart-hours", "chart-utilization"],
                               tps: 1791, villages: 195, posts: 18 });
  const text = await o.page.evaluate(() => document.getElementById("comparison").innerText);
  check(/better|worse|not distinguishable/.test(text), `${name}: the plans side by side carry verdicts`);
  const plans = await o.page.locator(".picker button").count();
  check(plans === 4, `${name}: a picker for the 4 plans (${plans})`);
  await o.page.click(".picker button[data-pick='2']");
  const shown = await o.page.evaluate(() => [...document.querySelectorAll("[data-plan]")].filter((e) => !e.hidden).map((e) => e.dataset.plan));
  check(shown.length > 0 && shown.every((p) => p === "2"), `${name}: picking the third plan shows its details only`);
  await hoverTps(name, o.page);
  // The README's picture: the top of this report.
  await o.page.click(".picker button[data-pick='0']");
  await o.page.evaluate(() => { window.siagaReport.fitMap(); window.scrollTo(0, 0); });
  await o.page.screenshot({ path: path.join(work, "readme-report.png"), clip: { x: 0, y: 0, width: 1200, height: 900 } });
  for (const section of ["comparison", "response", "hours", "risk-map"])
    await o.page.locator(`#${section}`).screenshot({ path: path.join(work, `readme-${section}.png`) });
  await close(name, o);
}

// The sweep: risk against officer-hours, the knee marked.
{
  const name = "sweep-jepara";
  const o = await open(name, { charts: ["chart-sweep"] });
  const knee = await o.page.evaluate(() => document.getElementById("sweep").innerText);
  check(/knee/i.test(knee), `${name}: the knee is named`);
  await close(name, o);
}

// 62,000 TPS: the canvas renderer keeps the page usable.
{
  const name = "run-large";
  const o = await open(name, { charts: ["chart-response", "chart-hours", "chart-utilization"],
                               tps: 62000, villages: 4400, posts: csvRows(path.join(work, name, "kecamatan.csv")) > 0
                                 ? readJson(path.join(work, name, "posts.geojson")).features.length : 0 });
  check(o.seconds < 30, `${name}: drawn in under 30 s (${o.seconds.toFixed(2)} s)`);
  await hoverTps(name, o.page);
  await close(name, o);
}

await browser.close();
console.log(`\n${failures.length === 0 ? "all browser checks passed" : `${failures.length} browser checks FAILED`} ` +
            `in ${((Date.now() - started) / 1000).toFixed(1)} s; screenshots in ${work}`);
process.exit(failures.length === 0 ? 0 : 1);
