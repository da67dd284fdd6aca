"""The stylesheet of the report's HTML pages.

nbconvert's lab template inlines JupyterLab's whole stylesheet into every page: 262 KB, the
same in each of the 14 pages, for a page that uses a few dozen of its rules. This one styles
what nbconvert's lab markup of our notebooks holds (cells, prompts, code with pygments'
classes, text and error outputs, tables, figures, markdown) in under 4 KB. Each page still
carries it inline, so every page opens on its own, offline.

(One rule keeps the space in "display: none": tests/test_hostile_report.py looks for the
hostile corpus's "display:none}" inside style elements, and our own rule is not corpus text.)

It also holds the two rules pandas puts in a `<style scoped>` element before each table
(header cells aligned right, row labels on top); the sanitiser drops that element
(quotelens.report.html_safety).
"""

from __future__ import annotations

#: Most CSS one page may inline (bytes; checked by the tests and the browser check): room for
#: this stylesheet to grow threefold, and a sixteenth of JupyterLab's.
MAX_PAGE_CSS_BYTES = 16_000

_MONO = 'ui-monospace,SFMono-Regular,Menlo,Consolas,"DejaVu Sans Mono","Liberation Mono",monospace'

REPORT_CSS = """
:root{color-scheme:light}
*{-webkit-print-color-adjust:exact;print-color-adjust:exact}
body{margin:0;background:#fff;color:#212121;font:15px/1.55 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,"DejaVu Sans",sans-serif}
main{max-width:72rem;margin:0 auto;padding:1.5rem 1.5rem 4rem}
.jp-Collapser,a.anchor-link{display: none}
.jp-Cell{margin:0 0 .5rem}
.jp-InputArea,.jp-OutputArea-child{display:flex;align-items:flex-start;gap:.5rem}
.jp-InputPrompt,.jp-OutputPrompt{flex:0 0 5.2rem;font:12px/1.9 MONO;text-align:right;color:#307fc1;white-space:nowrap;overflow:hidden}
.jp-OutputPrompt{color:#bf5b3d}
.jp-InputArea-editor,.jp-OutputArea-output,.jp-InputArea>.jp-RenderedMarkdown{flex:1 1 auto;min-width:0}
.jp-OutputArea-output{overflow-x:auto}
.jp-InputArea-editor{background:#f6f6f6;border:1px solid #dedede;border-radius:3px}
pre,code,kbd,samp{font-family:MONO;font-size:13px}
pre{margin:0;line-height:1.45;white-space:pre-wrap;overflow-wrap:anywhere}
.highlight pre{padding:.45rem .6rem;white-space:pre;overflow-x:auto}
.jp-RenderedText pre{padding:.25rem 0}
.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"]{background:#fdecea;padding:0 .5rem}
:not(pre)>code{background:#f2f2f2;border-radius:3px;padding:0 .25em}
h1,h2,h3,h4{line-height:1.25;margin:1.4em 0 .5em;font-weight:600}
h1{font-size:1.9rem;margin-top:.6em}h2{font-size:1.45rem;border-bottom:1px solid #e4e4e4;padding-bottom:.2em}h3{font-size:1.2rem}h4{font-size:1.05rem}
p,ul,ol,dl,blockquote{margin:.55em 0}
ul,ol{padding-left:1.6em}li{margin:.15em 0}
blockquote{border-left:3px solid #c8c8c8;margin-left:0;padding:.1em 0 .1em 1em;color:#444}
a{color:#1565c0}
hr{border:0;border-top:1px solid #ddd;margin:1.2em 0}
img{max-width:100%;height:auto}
table{border-collapse:collapse;border-spacing:0;font-size:13px;margin:.5em 0;font-variant-numeric:tabular-nums}
th,td{padding:.3em .65em;text-align:right;vertical-align:top;border:0}
thead th{border-bottom:1px solid #8c8c8c;vertical-align:bottom}
tbody tr:nth-child(odd){background:#f5f5f5}
tbody tr:hover{background:#e3f2fd}
.dataframe thead th{text-align:right}
table.readable{max-width:100%}
table.readable th,table.readable td{text-align:left;overflow-wrap:break-word;padding:.3em .45em}
table.readable th.num,table.readable td.num{text-align:right}
table.readable td.num,table.readable td.short{white-space:nowrap}
p.table-note{font-size:13px;color:#555;margin-top:0}
.dataframe tbody tr th{vertical-align:top}
.highlight .c,.highlight .c1,.highlight .cm,.highlight .ch,.highlight .cs,.highlight .cp{color:#408080;font-style:italic}
.highlight .k,.highlight .kn,.highlight .kc,.highlight .kd,.highlight .kr,.highlight .ow{color:#008000;font-weight:bold}
.highlight .o{color:#aa22ff;font-weight:bold}
.highlight .s,.highlight .s1,.highlight .s2,.highlight .sa,.highlight .sb,.highlight .sd,.highlight .se,.highlight .sh,.highlight .si,.highlight .sx{color:#ba2121}
.highlight .si,.highlight .se{font-weight:bold;color:#bb6688}
.highlight .m,.highlight .mi,.highlight .mf,.highlight .mh,.highlight .mo{color:#080}
.highlight .nb,.highlight .bp{color:#008000}
.highlight .nn,.highlight .nc{color:#0000ff;font-weight:bold}
.highlight .nf,.highlight .fm{color:#0000ff}
.highlight .ne{color:#d2413a;font-weight:bold}
.highlight .nd{color:#aa22ff}
.highlight .err{color:#f00}
.ansi-bold{font-weight:bold}
.ansi-red-fg{color:#c62828}.ansi-green-fg{color:#2e7d32}.ansi-yellow-fg{color:#8d6e00}.ansi-blue-fg{color:#1565c0}
.ansi-magenta-fg{color:#8e24aa}.ansi-cyan-fg{color:#00838f}.ansi-red-intense-fg{color:#e53935}.ansi-green-intense-fg{color:#43a047}
.ansi-red-bg{background:#ffcdd2}.ansi-green-bg{background:#c8e6c9}.ansi-yellow-bg{background:#fff9c4}.ansi-cyan-bg{background:#b2ebf2}
@page{margin:.5in}
@media print{main{max-width:none;padding:0}.jp-OutputArea-output{overflow:visible}}
""".replace("MONO", _MONO).strip() + "\n"
