"""One schema for every part of a dataset, and parts conformed to it.

Each chunk types its columns from its own rows: a column missing from a chunk (FA-KES `labels`
in the seed's part), typed null in a chunk without values, integer in one chunk and float in
another, or a passed-through column kept as text in one chunk (`load.records.type_extra_column`:
a whole number past 64 bits, numbers mixed with words, {}) and typed in another (Int64, lists,
objects). Such a column becomes text in every part, each value written by the loader's own rule
(`load.records.value_as_text`), so the dataset holds what `load_corpus` gives for the whole
corpus, whatever the order of the parts. The corpus-wide schema is made from every part's own schema *as first written* (its
`describe_part` description, kept in the part's marker), never from a part as an earlier run
conformed it, so a resumed run gives the schema a fresh run would.
"""

from __future__ import annotations

import base64
import json
from pathlib import Path
from typing import Callable

import pyarrow as pa
import pyarrow.parquet as pq

from quotelens.load.records import value_as_text
from quotelens.tables import atomic_path

#: The pandas metadata of a column of text (what pandas writes for an object column of str).
_TEXT_PANDAS_TYPE = {"pandas_type": "unicode", "numpy_type": "object", "metadata": None}


def _vague(t: pa.DataType) -> bool:
    """A type inferred from no values: null, or a list of nulls (all lists empty)."""
    return t == pa.null() or (pa.types.is_list(t) and _vague(t.value_type))


def _has_values(meta: pq.FileMetaData, name: str) -> bool:
    """Whether column `name` of a Parquet file holds a non-null value (from the footer's
    statistics; True when they are missing)."""
    schema = meta.schema.to_arrow_schema()
    j = schema.get_field_index(name)
    if _vague(schema.field(j).type):  # written from no values (footer has no statistics then)
        return False
    for g in range(meta.num_row_groups):
        column = meta.row_group(g).column(j)
        stats = column.statistics
        if stats is None or not stats.has_null_count or stats.null_count < column.num_values:
            return True
    return False


def encode_schema(schema: pa.Schema) -> str:
    """`schema` (with its metadata) as ASCII text, for a JSON marker."""
    return base64.b64encode(schema.serialize().to_pybytes()).decode("ascii")


def decode_schema(text: str) -> pa.Schema:
    """The schema `encode_schema` wrote as `text`."""
    return pa.ipc.read_schema(pa.py_buffer(base64.b64decode(text)))


def describe_part(path: str | Path) -> dict:
    """What the corpus-wide schema needs of the Parquet part `path`, from its footer alone:
    its schema (encoded), its number of rows and the columns that hold a value."""
    schema = pq.read_schema(path)
    meta = pq.ParquetFile(path).metadata
    return {"schema": encode_schema(schema), "rows": meta.num_rows,
            "values": [n for n in schema.names if _has_values(meta, n)]}


def describe_table(table: pa.Table) -> dict:
    """`describe_part` of a table in memory (a column holds a value when not all rows are null)."""
    values = [f.name for f, col in zip(table.schema, table.columns)
              if not _vague(f.type) and col.null_count < table.num_rows]
    return {"schema": encode_schema(table.schema), "rows": table.num_rows, "values": values}


def _unify_type(types: list[pa.DataType]) -> pa.DataType:
    """One type for a column the parts type as `types`: their type when they agree (vague types
    left out), float64 for integers beside floats, else text."""
    types = [t for t in types if not _vague(t)] or types
    distinct = []
    for t in types:
        if t not in distinct:
            distinct.append(t)
    if len(distinct) == 1:
        return distinct[0]
    if all(pa.types.is_integer(t) or pa.types.is_floating(t) for t in distinct):
        return pa.float64()
    return pa.string()


def unified_schema(parts: list) -> pa.Schema:
    """One schema for every part: the columns of all parts, in the order of the first part that
    has them all (else first seen), a common type per column. Parts without rows only vote for
    a column's type when no part with rows has it (an empty part types text columns as null or
    float). Pandas metadata comes from the part whose column order is used, each column's entry
    from the first part where that column holds a value (see `_pandas_metadata`). A column
    typed differently by two parts is float64 when all are numbers, else text (`conform_table`
    writes each value as the loader writes a value it keeps as text). `parts`: descriptions
    (`describe_part`) or paths of Parquet parts, in load order."""
    described = [p if isinstance(p, dict) else describe_part(p) for p in parts]
    schemas = [(decode_schema(d["schema"]), d["rows"], set(d["values"])) for d in described]
    if not schemas:
        return pa.schema([])
    names: list[str] = []
    for s, _, _ in schemas:
        for n in s.names:
            if n not in names:
                names.append(n)
    full = next((s for s, n, _ in schemas if n and set(s.names) == set(names)), None) \
        or next((s for s, _, _ in schemas if set(s.names) == set(names)), None)
    order = full.names if full is not None else names
    fields = []
    for name in order:
        with_rows = [s.field(name).type for s, n, _ in schemas if n and name in s.names and s.field(name).type != pa.null()]
        any_rows = [s.field(name).type for s, _, _ in schemas if name in s.names and s.field(name).type != pa.null()]
        types = with_rows or any_rows
        fields.append(pa.field(name, _unify_type(types) if types else pa.null()))
    source = full if full is not None else schemas[0][0]
    unified = {f.name: f.type for f in fields}
    return pa.schema(fields, metadata=_pandas_metadata(schemas, source.metadata, unified))


def _pandas_metadata(schemas: list[tuple[pa.Schema, int, set]], metadata: dict | None,
                     unified: dict[str, pa.DataType]) -> dict | None:
    """`metadata` with each column's pandas dtype taken from the first part where that column
    holds a value and has its unified type (`unified`: column -> type), else from the first
    part where it holds a value: a passed-through column is typed by the values present in its
    chunk (`load.records.infer_extra_dtype`), so a chunk where it is all missing must not decide
    the pandas dtype (e.g. float64 instead of Float64) of a column a one-piece load would type,
    nor a chunk that typed it Int64 the dtype of a column made text or float. A column made text
    that no part holds as text gets the dtype of text (object, as pandas writes str values)."""
    if not metadata or b"pandas" not in metadata:
        return metadata
    pandas_meta = json.loads(metadata[b"pandas"])
    entries = []
    for schema, _, _ in schemas:
        raw = (schema.metadata or {}).get(b"pandas")
        entries.append({e.get("field_name"): e for e in json.loads(raw).get("columns", [])} if raw else {})
    changed = False
    for i, entry in enumerate(pandas_meta.get("columns", [])):
        name = entry.get("field_name")
        if name not in unified:
            continue
        valued = [(schema.field(name).type, own[name]) for (schema, _, values), own in zip(schemas, entries)
                  if name in schema.names and name in own and name in values]
        chosen = next((e for t, e in valued if t == unified[name]), None)
        if chosen is None and pa.types.is_string(unified[name]) and entry.get("pandas_type") not in ("unicode", "empty"):
            chosen = {"name": name, "field_name": name, **_TEXT_PANDAS_TYPE}
        elif chosen is None and valued:
            chosen = valued[0][1]
        if chosen is not None and chosen != entry:
            pandas_meta["columns"][i] = chosen
            changed = True
    if not changed:
        return metadata
    return {**metadata, b"pandas": json.dumps(pandas_meta).encode()}


def _nested(t: pa.DataType) -> bool:
    """A type whose values are lists, objects or mappings (JSON when kept as text)."""
    return pa.types.is_list(t) or pa.types.is_large_list(t) or pa.types.is_fixed_size_list(t) \
        or pa.types.is_struct(t) or pa.types.is_map(t)


def _as_text(column: pa.ChunkedArray) -> pa.ChunkedArray:
    """`column` as text, each value as `load.records.value_as_text` writes it (strings as they
    are, numbers, lists and objects as JSON); nulls stay null. Arrow's own cast is not used: it
    writes some values otherwise than the loader would and cannot cast lists or objects."""
    values = [None if v is None else value_as_text(v) for v in column.to_pylist()]
    return pa.chunked_array([pa.array(values, type=pa.string())], type=pa.string())


def _cast(column: pa.ChunkedArray, target: pa.DataType) -> pa.ChunkedArray:
    """`column` as type `target` (`column.cast`), non-text values made text by `_as_text`."""
    if column.type == target:
        return column
    if pa.types.is_string(target) and column.type != pa.null():
        return _as_text(column)
    return column.cast(target)


def _cast_back(column: pa.ChunkedArray, target: pa.DataType) -> pa.ChunkedArray:
    """`column` as type `target`, the type it had before conforming widened it."""
    if column.type == target:
        return column
    if target == pa.null():
        return pa.chunked_array([pa.nulls(len(column))], type=target)
    if _vague(target):  # lists that were all empty; arrow cannot cast a list to list<null>
        return pa.chunked_array([pa.array(column.to_pylist(), type=target)], type=target)
    if pa.types.is_string(column.type) and _nested(target):  # made text as JSON by `_as_text`
        values = [None if v is None else json.loads(v) for v in column.to_pylist()]
        return pa.chunked_array([pa.array(values, type=target)], type=target)
    return column.cast(target)


def restore(table: pa.Table, description: dict, replace: dict[str, list] | None = None) -> pa.Table:
    """The part as first written, from `table` (the part as an earlier run may have conformed
    it): only its own columns, with their own types and metadata (`description`, see
    `describe_part`); the columns in `replace` (column -> one value per row) take those values.
    Conforming only adds null columns and widens types, so this is exact."""
    own = decode_schema(description["schema"])
    replace = replace or {}
    if not replace and table.schema.equals(own, check_metadata=True):
        return table
    columns = []
    for f in own:
        if f.name in replace:
            columns.append(pa.chunked_array([pa.array(replace[f.name], type=f.type)], type=f.type))
        else:
            columns.append(_cast_back(table.column(f.name), f.type))
    return pa.Table.from_arrays(columns, schema=own)


def conform_table(table: pa.Table, schema: pa.Schema) -> pa.Table:
    """`table` with `schema`: missing columns as nulls, columns cast (to text by the loader's
    rule, see `_as_text`), schema metadata replaced."""
    arrays = []
    for f in schema:
        if f.name in table.column_names:
            col = table.column(f.name)
            arrays.append(_cast(col, f.type))
        else:
            arrays.append(pa.nulls(table.num_rows, type=f.type))
    return pa.Table.from_arrays(arrays, schema=schema)


def _identical(a: pa.Table, b: pa.Table) -> bool:
    return a.schema.equals(b.schema, check_metadata=True) and a.equals(b)


def conform_part(path: Path, schema: pa.Schema, source: Callable[[pa.Table], pa.Table] | None = None) -> bool:
    """Make the Parquet part `path` hold what a fresh run leaves there: `source(part)` (default:
    the part as it is; e.g. `restore` to get the part as first written) conformed to `schema`.
    A part that conforming does not change is written as it was first written (by pandas), a
    changed one by pyarrow, as a fresh run does; the file is left untouched when it already
    holds exactly that. Returns whether it was rewritten."""
    current = pq.read_table(path)
    base = source(current) if source is not None else current
    new = conform_table(base, schema)
    if _identical(new, base):
        if _identical(base, current):
            return False
        with atomic_path(path) as tmp:
            base.to_pandas().to_parquet(tmp, index=False)
        return True
    if _identical(new, current):
        return False
    with atomic_path(path) as tmp:
        pq.write_table(new, tmp)
    return True
