"""The corpus: documents ingested once, stored exactly, queried as DataFrames, exported.

    from yusuan.store import Corpus, Filter, ingest
    ingest([Path("公开文件/")], "yusuan.sqlite", workers=2)
    Corpus("yusuan.sqlite").peers(Filter(year=2024, level="县级"))
"""

from . import accounts, reviews  # noqa: F401  (their tables belong to the schema the migrations build)
from .ingest import Report, ingest
from .query import Corpus, Filter

__all__ = ["Corpus", "Filter", "Report", "ingest"]
