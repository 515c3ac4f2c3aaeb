// The report's inline stylesheet and chart palette (no web fonts: system font stacks only).
#include "report/report_style.h"

#include <array>

namespace s1mig::report {

std::string_view ReportCss() {
  static constexpr std::string_view kCss = R"CSS(
:root{--ink:#1b2430;--muted:#55606e;--line:#d8dde3;--rule:#b7c0ca;--panel:#f4f6f8;
--accent:#0b5394;--pos:#17663a;--neg:#a3262a;--mono:ui-monospace,SFMono-Regular,Menlo,Consolas,"Liberation Mono","DejaVu Sans Mono",monospace}
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
body{margin:0;background:#fff;color:var(--ink);
font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,"Noto Sans","Liberation Sans",sans-serif}
main{max-width:1120px;margin:0 auto;padding:28px 28px 40px}
.masthead{border-bottom:3px solid var(--accent);padding-bottom:14px;margin-bottom:18px}
.eyebrow{font-size:12px;letter-spacing:.08em;text-transform:uppercase;color:var(--muted);font-weight:600}
h1{font-size:27px;line-height:1.2;margin:4px 0 8px;font-weight:700;letter-spacing:-.01em}
h2{font-size:19px;line-height:1.3;margin:34px 0 10px;padding-bottom:6px;border-bottom:1px solid var(--line)}
h3{font-size:15px;margin:20px 0 4px}
.lede{margin:0 0 12px;color:var(--muted);max-width:70em}
.note{font-size:13px;color:var(--muted);margin:6px 0 0;max-width:70em}
dl.facts{display:grid;grid-template-columns:max-content 1fr;gap:4px 18px;margin:0;font-size:14px}
dl.facts dt{color:var(--muted)}
dl.facts dd{margin:0}
.chip{display:inline-block;font:12px/1.7 var(--mono);background:var(--panel);border:1px solid var(--line);
border-radius:4px;padding:0 6px;margin:0 4px 2px 0;white-space:nowrap}
.none{color:var(--muted);font-style:italic}
nav.toc{font-size:13px;margin:2px 0 0;display:flex;flex-wrap:wrap;gap:4px 16px}
nav.toc a{color:var(--accent);text-decoration:none}
nav.toc a:hover{text-decoration:underline}
.kpis{display:grid;grid-template-columns:repeat(auto-fit,minmax(220px,1fr));gap:12px;margin:18px 0 4px}
.kpi{border:1px solid var(--line);border-left:4px solid var(--accent);border-radius:6px;padding:10px 14px}
.kpi.pos{border-left-color:var(--pos)}
.kpi.neg{border-left-color:var(--neg)}
.kpi.mid{border-left-color:#b7791f}
.kpi .k{font-size:12px;color:var(--muted);text-transform:uppercase;letter-spacing:.05em;font-weight:600}
.kpi .v{font-size:26px;font-weight:700;font-variant-numeric:tabular-nums;line-height:1.25;margin:2px 0}
.kpi .s{font-size:13px;color:var(--muted)}
figure{margin:14px 0 0;padding:14px 16px 10px;border:1px solid var(--line);border-radius:6px}
figcaption{font-weight:650;margin:0 0 8px}
.chart-wrap{overflow-x:auto}
svg.chart{display:block;width:100%;min-width:600px;height:auto;font-size:12px}
svg.chart text{fill:var(--ink);font-family:inherit}
svg.chart .legend text{font-size:12px}
svg.chart .axis text{fill:var(--muted);font-size:11px}
svg.chart .grid{stroke:#e7eaee}
svg.chart .baseline-axis{stroke:var(--rule)}
svg.chart .val{font-size:11px;fill:var(--muted)}
svg.chart .cat{font-family:var(--mono);font-size:11.5px}
svg.chart .cat.ref{font-family:inherit;font-style:italic;fill:var(--muted)}
svg.chart .divider{stroke:var(--rule);stroke-dasharray:4 3}
svg.chart.stacked rect{stroke:#fff;stroke-width:.75}
.table-wrap{overflow-x:auto;margin:6px 0 18px}
table{border-collapse:collapse;width:100%;font-size:13.5px;font-variant-numeric:tabular-nums}
caption{text-align:left;font-weight:650;padding:0 0 6px;font-size:14px}
th,td{padding:5px 10px;border-bottom:1px solid var(--line);text-align:left;vertical-align:baseline}
table.compact{width:auto;min-width:min(100%,640px)}
table.compact th.num,table.compact td.num{min-width:8.5em}
table.compact tbody th{min-width:13em}
thead th{font-size:12px;color:var(--muted);font-weight:600;border-bottom:2px solid var(--rule);white-space:nowrap;vertical-align:bottom}
thead tr.group th{border-bottom:1px solid var(--line);text-align:center}
th.num,td.num{text-align:right;white-space:nowrap}
th.sep,td.sep{border-left:1px solid var(--line)}
tbody th{font-weight:500}
tbody tr:nth-child(even){background:#fafbfc}
td.zero{color:#7d8793}
td.na{color:#7d8793;text-align:center}
tr.ref th{font-style:italic;font-weight:500}
tr.ref td,tr.ref th{background:var(--panel)}
tr.first-ref td,tr.first-ref th{border-top:2px solid var(--rule)}
code,.mono{font-family:var(--mono);font-size:12.5px}
td.hash{font-family:var(--mono);font-size:12px;word-break:break-all}
.title-cell{min-width:16em}
ol.redline{margin:8px 0 0;padding:0;list-style:none;counter-reset:rl}
ol.redline li{counter-increment:rl;font:12.5px/1.55 var(--mono);background:var(--panel);border-left:3px solid var(--neg);
padding:7px 10px 7px 38px;margin:0 0 6px;position:relative;overflow-wrap:anywhere}
ol.redline li::before{content:counter(rl);position:absolute;left:10px;color:var(--muted);font-weight:600}
footer{margin-top:36px;padding-top:10px;border-top:1px solid var(--line);font-size:12.5px;color:var(--muted)}
@media (max-width:700px){main{padding:18px 14px 28px}h1{font-size:22px}dl.facts{grid-template-columns:1fr}
dl.facts dt{margin-top:6px}.kpi .v{font-size:22px}}
@media print{body{font-size:10.5pt}main{max-width:none;padding:0}nav.toc{display:none}
h2{break-after:avoid;margin-top:22px}figure,table,.kpi,ol.redline li{break-inside:avoid}tr{break-inside:avoid}
.table-wrap{overflow:visible}tbody tr:nth-child(even){background:none}
*{-webkit-print-color-adjust:exact;print-color-adjust:exact}@page{margin:14mm}}
)CSS";
  return kCss;
}

std::string SeriesColor(size_t i) {
  static constexpr std::array<const char*, 8> kPalette = {
      "#0072b2", "#e69f00", "#009e73", "#cc79a7", "#56b4e9", "#d55e00", "#7f7f7f", "#f0e442"};
  return kPalette[i % kPalette.size()];
}

}  // namespace s1mig::report
