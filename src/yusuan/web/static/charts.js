// yusuan: charts drawn with Plotly (served by yusuan itself) from the JSON beside each set of charts.
// Amounts arrive as exact decimal strings: numbers only for drawing, the strings for reading.
"use strict";

const LAYOUT = {
  height: 300, margin: {t: 10, r: 10, b: 30, l: 10}, separators: ".,",
  font: {family: "Noto Sans CJK SC, Source Han Sans SC, Microsoft YaHei, sans-serif", size: 12},
  legend: {orientation: "h", y: -0.15}, paper_bgcolor: "#fff", plot_bgcolor: "#fff",
  colorway: ["#16324f", "#3f7fbf", "#e5883e", "#8fbce6", "#6a9f58", "#c7503e", "#9b7bb8", "#b5a33a", "#5aa5a0", "#8c959f"],
};

function number(value) { return value === null || value === undefined ? null : Number(value); }

function traces(chart) {
  const unit = chart.unit;
  const money = (value) => value === null || value === undefined ? "—" : String(value);
  if (chart.kind === "pie") {
    const s = chart.series[0];
    const kept = s.values.map((v, i) => [chart.categories[i], v]).filter(([, v]) => v !== null);
    return [{type: "pie", sort: false, hole: 0.45, labels: kept.map(([c]) => c), values: kept.map(([, v]) => number(v)),
      text: kept.map(([, v]) => v), textinfo: "label+percent", textposition: "outside", automargin: true,
      hovertemplate: "%{label}：%{text} " + unit + "（%{percent}）<extra></extra>"}];
  }
  if (chart.kind === "box") {
    return chart.series.map(s => ({type: "box", name: s.name, y: s.values.map(number), text: s.labels,
      boxpoints: "all", jitter: 0.5, pointpos: 0, marker: {size: 4}, hovertemplate: "%{text}：%{y} " + unit + "<extra></extra>"}));
  }
  const across = chart.kind === "hbar";
  return chart.series.map(s => {
    const trace = {type: "bar", name: s.name, orientation: across ? "h" : "v",
      x: across ? s.values.map(number) : chart.categories, y: across ? chart.categories : s.values.map(number),
      text: s.values.map(money), textposition: "none",
      hovertemplate: (across ? "%{y}" : "%{x} " + s.name) + (s.labels ? " %{customdata}" : "") + "：%{text} " + unit
        + "<extra></extra>"};
    if (s.labels) { trace.customdata = s.labels; }
    if (s.color) { trace.marker = {color: s.color}; }  // Plotly refuses a marker left undefined
    return trace;
  });
}

function layout(chart) {
  const out = Object.assign({}, LAYOUT, {showlegend: chart.kind !== "box" && (chart.series.length > 1 || chart.kind === "pie")});
  if (chart.kind === "hbar") {
    out.height = Math.max(200, 28 * chart.categories.length + 60);
    out.yaxis = {automargin: true, autorange: "reversed", type: "category"};
    out.xaxis = {automargin: true, title: {text: chart.unit}};
    out.barmode = "stack";
  } else if (chart.kind === "box") {
    out.xaxis = {automargin: true, tickangle: -30};
    out.yaxis = {automargin: true, title: {text: chart.unit}, zeroline: true};
  } else if (chart.kind !== "pie") {
    out.barmode = chart.kind === "stack" ? "stack" : "group";
    out.xaxis = {automargin: true, type: "category"};
    out.yaxis = {automargin: true, title: {text: chart.unit}, rangemode: "tozero"};
  }
  return out;
}

function drawCharts() {
  if (typeof Plotly === "undefined") { return; }
  document.querySelectorAll("script.chart-data").forEach(script => {
    const set = script.dataset.set;
    JSON.parse(script.textContent).forEach(chart => {
      const figure = document.getElementById(set + "-" + chart.id);
      if (!figure) { return; }
      const plot = figure.querySelector(".plot");
      Plotly.newPlot(plot, traces(chart), layout(chart), {displayModeBar: false, responsive: true})
        .then(() => { figure.dataset.drawn = "yes"; });
    });
  });
}

document.addEventListener("DOMContentLoaded", drawCharts);
