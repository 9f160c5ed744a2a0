import { escapeXml, literalChartStyle, renderLineChart, svgChartStyle, type ChartTheme } from "@/lib/charts/svg-chart";
import { formatPercentNumber } from "./format-percent";
import { axisFormatter, type EmbedPanel, type EmbedView } from "./embed-panels";

const PANEL = { width: 340, height: 150 };
const utcClock = new Intl.DateTimeFormat("en-GB", {
  hour: "2-digit",
  minute: "2-digit",
  hour12: false,
  timeZone: "UTC",
});
const utcDay = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "short", timeZone: "UTC" });

function timeFormatter(view: EmbedView): (t: number) => string {
  return view.to - view.from <= 36 * 3_600_000 ? (t) => utcClock.format(t) : (t) => utcDay.format(t);
}

function panelSvg(panel: EmbedPanel, view: EmbedView): string {
  return renderLineChart({
    ...PANEL,
    from: view.from,
    to: view.to,
    series: panel.unavailable ? [] : panel.series,
    title: `${panel.title} for ${panel.cohortName}: treatment vs control`,
    formatValue: axisFormatter(panel.metric),
    formatTime: timeFormatter(view),
    ...(panel.emptyText ? { emptyText: panel.emptyText } : {}),
  });
}

function caption(panel: EmbedPanel): string {
  return `${panel.cohortName}${panel.percent === null ? "" : ` · ${formatPercentNumber(panel.percent)}%`}`;
}

/** The embed document: no navigation, no controls; it refreshes itself and tells its frame its height. */
export function renderEmbedHtml(
  view: EmbedView,
  options: { theme: ChartTheme; nonce: string; refreshSeconds: number; now: number },
): string {
  const sections = view.metrics
    .map(
      (metric) =>
        `<section><h2>${escapeXml(metric.title)} <span class="muted">${escapeXml(metric.hint)}</span></h2><div class="grid">${metric.panels
          .map(
            (panel) =>
              `<figure><figcaption>${escapeXml(caption(panel))}</figcaption>${panel.unavailable ? `<p class="muted unavailable">Data unavailable right now</p>` : panelSvg(panel, view)}</figure>`,
          )
          .join("")}</div></section>`,
    )
    .join("");
  const body = `<main id="gp-embed"><header><h1>${escapeXml(view.heading)}</h1><p class="muted">${escapeXml(view.subheading)} · updated ${utcClock.format(options.now)} UTC</p><p class="legend"><span class="key t"></span>Treatment <span class="key c"></span>Control</p>${view.notes.map((note) => `<p class="muted note">${escapeXml(note)}</p>`).join("")}</header>${view.metrics.length === 0 ? `<p class="muted">No metrics chosen for this chart.</p>` : view.metrics.every((m) => m.panels.length === 0) ? `<p class="muted">No cohort has data in this range yet.</p>` : sections}<footer class="muted">Read-only chart from Glidepath</footer></main>`;
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><meta name="robots" content="noindex"><title>${escapeXml(view.heading)} · Glidepath</title><style>${documentStyle(options.theme)}</style></head><body>${body}<script nonce="${options.nonce}">${refreshScript(options.refreshSeconds)}</script></body></html>`;
}

/** A page with nothing on it but why: revoked, expired or unknown. */
export function renderEmbedNotice(message: string, theme: ChartTheme = "auto"): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="robots" content="noindex"><title>${escapeXml(message)}</title><style>${documentStyle(theme)}</style></head><body><main id="gp-embed"><p class="notice">${escapeXml(message)}</p></main></body></html>`;
}

/** All panels in one image, for places that take no iframes. */
export function renderEmbedSvg(view: EmbedView, theme: ChartTheme, options: { literalColours?: boolean } = {}): string {
  const columns = Math.max(1, Math.min(3, Math.max(0, ...view.metrics.map((m) => m.panels.length))));
  const rowHeight = PANEL.height + 22;
  const width = columns * PANEL.width + (columns - 1) * 12;
  let y = 52;
  const parts: string[] = [
    `<text x="0" y="18" class="gp-title">${escapeXml(view.heading)}</text>`,
    `<text x="0" y="36" class="gp-axis">${escapeXml(view.subheading)} · treatment (orange) vs control (blue)</text>`,
  ];
  for (const metric of view.metrics) {
    parts.push(`<text x="0" y="${y + 12}" class="gp-subtitle">${escapeXml(`${metric.title} · ${metric.hint}`)}</text>`);
    y += 20;
    metric.panels.forEach((panel, i) => {
      const x = (i % columns) * (PANEL.width + 12);
      const top = y + Math.floor(i / columns) * rowHeight;
      parts.push(`<text x="${x}" y="${top + 12}" class="gp-axis">${escapeXml(caption(panel))}</text>`);
      const chart = panel.unavailable
        ? `<svg y="${top + 18}" x="${x}" width="${PANEL.width}" height="${PANEL.height}"><text class="gp-axis" x="${PANEL.width / 2}" y="${PANEL.height / 2}" text-anchor="middle">Data unavailable right now</text></svg>`
        : panelSvg(panel, view).replace("<svg ", `<svg x="${x}" y="${top + 18}" `);
      parts.push(chart);
    });
    y += Math.ceil(metric.panels.length / columns) * rowHeight + 8;
  }
  const height = y + 4;
  const themed = `${svgChartStyle(theme, "svg")}.gp-title{fill:var(--gp-fg);font:600 15px system-ui,sans-serif}.gp-subtitle{fill:var(--gp-fg);font:600 12px system-ui,sans-serif}.gp-bg{fill:var(--gp-bg)}`;
  const style = options.literalColours ? literalChartStyle(themed, theme) : themed;
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="-12 -8 ${width + 24} ${height + 16}" width="${width + 24}" height="${height + 16}" role="img" aria-label="${escapeXml(view.heading)}"><style>${style}</style><rect class="gp-bg" x="-12" y="-8" width="${width + 24}" height="${height + 16}"/>${parts.join("")}</svg>`;
}

function documentStyle(theme: ChartTheme): string {
  return (
    svgChartStyle(theme) +
    "*{box-sizing:border-box}body{margin:0;background:var(--gp-bg);color:var(--gp-fg);font:14px/1.4 system-ui,-apple-system,'Segoe UI',sans-serif}" +
    "main{padding:12px 14px}h1{font-size:16px;margin:0}h2{font-size:13px;margin:14px 0 6px}.muted{color:var(--gp-muted);font-weight:400}" +
    "header p{margin:2px 0 0;font-size:12px}.legend{display:flex;gap:6px;align-items:center}.key{display:inline-block;width:14px;height:3px;border-radius:2px;margin-left:6px}" +
    ".key.t{background:var(--gp-t)}.key.c{background:var(--gp-c)}.grid{display:grid;grid-template-columns:repeat(auto-fit,minmax(240px,1fr));gap:8px}" +
    "figure{margin:0;padding:6px 8px;border:1px solid var(--gp-border);border-radius:8px;background:var(--gp-card)}figcaption{font-size:12px;margin-bottom:2px}" +
    "figure svg{width:100%;height:auto;display:block}.unavailable{margin:40px 0;text-align:center;font-size:12px}footer{margin-top:10px;font-size:11px}" +
    ".notice{margin:24px 0;text-align:center;font-size:15px}"
  );
}

function refreshScript(seconds: number): string {
  // Swaps in the freshly rendered main element (no flash), and tells the parent page how tall
  // the content is so a listening snippet can size the frame. Heights carry no secrets: "*".
  return `(function(){var post=function(){parent.postMessage({type:"glidepath-embed:resize",height:document.documentElement.scrollHeight},"*")};addEventListener("load",post);addEventListener("resize",post);setInterval(function(){fetch(location.href,{cache:"no-store"}).then(function(r){return r.text()}).then(function(html){var next=new DOMParser().parseFromString(html,"text/html").getElementById("gp-embed");var cur=document.getElementById("gp-embed");if(next&&cur){cur.replaceWith(next);post()}}).catch(function(){})},${seconds * 1000})})();`;
}
