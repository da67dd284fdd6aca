"""Large corpora: the chunked, resumable pipeline and its Dask engine.

Reads: corpus files. Writes: an output folder with articles, statements and aggregates as Parquet datasets and a manifest.

Modules: pipeline (run_pipeline, checking arguments, the pandas engine, reading a finished
folder), dask_engine (the same run on a dask.distributed cluster), units (cutting a corpus into
input units, reading Parquet row groups), parts (the per-chunk work and its markers),
fingerprints (what identifies finished work: content hashes), resume (which work a run can
reuse), corpus_wide (unique ids, one name per unknown speaker), schema (one schema per
dataset), layout (the output folder), workers (process pool, progress), aggregate and finish.
"""
