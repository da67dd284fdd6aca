"""The report: runs the notebooks with papermill, checks their parameters, renders and sanitises the HTML.

Reads: a config file and the notebooks. Writes: executed notebooks, HTML pages and an index.
"""
