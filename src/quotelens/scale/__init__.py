"""Large corpora: the chunked, resumable pipeline and its Dask engine.

Reads: corpus files. Writes: an output folder with articles, statements and aggregates as Parquet datasets and a manifest.
"""
