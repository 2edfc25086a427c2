"""A run's state in SQLite: the run's own store (`run.py`), the LLM cache (`llm_cache.py`)
and the curation and split tables (`curation.py`), in one file under the run directory."""

from generator.store.curation import CurationDecision, Decision
from generator.store.run import DB_NAME, RUN_ID_KEY, Store

__all__ = ["DB_NAME", "RUN_ID_KEY", "CurationDecision", "Decision", "Store"]
