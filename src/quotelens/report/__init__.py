"""The report: runs the notebooks with papermill, checks their parameters, renders and sanitises the HTML.

Reads: a config file, the notebooks and, with --from-pipeline, a `quotelens pipeline` output folder.
Writes: executed notebooks, HTML pages and an index.

Modules: `config` (parameter sets, output folders), `parameters` (parameters cells and their
type check), `render` (cleaning executed notebooks, HTML, the index page), `runner` (plan and
run), `pipeline_input` (notebooks 01-03 reading a pipeline output folder), `notebook` (helpers
for the analysis notebooks), `html_safety` and `html_audit` (inert HTML).
"""
