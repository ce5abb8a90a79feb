"""Build the blank spaCy pipelines (tokenizer + lookup lemmatizer) the NLU uses, offline.

Trained spaCy pipelines are not on PyPI and spaCy's model downloader cannot reach its host, so we
build ``spacy.blank(lang)`` plus the lookup lemmatizer whose tables ship in the
``spacy-lookups-data`` package, and save them under ``build/spacy/<lang>``. The tables are
serialized with the pipeline, so nothing is read from the network at run time.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from bot import settings
from bot.nlu import lexicon
from bot.nlu.languages import LANGUAGES, SUPPORTED

SPACY_DIR = settings.PROJECT_ROOT / "build" / "spacy"


def pipeline_path(lang: str) -> Path:
    return SPACY_DIR / lang


def build(lang: str, out_dir: Path) -> Path:
    import spacy

    spacy_lang = LANGUAGES[lang].spacy if lang in LANGUAGES else lang
    nlp = spacy.blank(spacy_lang)
    if spacy_lang != "xx":  # spacy-lookups-data has lemma tables for en, es, pt, fr; none for "xx"
        nlp.add_pipe("lemmatizer", config={"mode": "lookup"})
    nlp.initialize()  # loads the lookup tables from spacy-lookups-data
    out_dir.mkdir(parents=True, exist_ok=True)
    nlp.to_disk(out_dir)
    return out_dir


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m bot build-spacy", description=__doc__)
    parser.add_argument("--force", action="store_true", help="rebuild even if present")
    args = parser.parse_args(argv)
    for lang in SUPPORTED:
        path = pipeline_path(lang)
        if (path / "meta.json").exists() and not args.force:
            continue
        build(lang, path)
        print(f"built spaCy pipeline for '{lang}' in {path}")
    for lang in SUPPORTED:  # the language detector's word-frequency tables (bot.nlu.lexicon)
        if lexicon.has_table(lang) and (args.force or not lexicon.path(lang).exists()):
            print(f"built word-frequency table for '{lang}' in {lexicon.build(lang)}")
    return 0


if __name__ == "__main__":
    import sys

    sys.exit(main(sys.argv[1:]))
