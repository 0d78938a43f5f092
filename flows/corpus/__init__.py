"""Corpus-wide stages: what needs every document of the run at once. They run in this order,
after the shards and before the write; adding one is adding a module and an entry here."""

from .dedup import Deduplicate
from .lines import FrequentLines
from .paragraphs import SharedParagraphs
from .stage import Corpus, CorpusStage, Revision, StageWork

STAGES: tuple[CorpusStage, ...] = (FrequentLines(), Deduplicate(), SharedParagraphs())

__all__ = ["STAGES", "Corpus", "CorpusStage", "Revision", "StageWork"]
