"""Metamorphic relations over the 37 corpus reports: rewrites that keep the facts keep the main figures.

See proposal_audit/metamorphic.py for the relations. A rewrite that does not apply to a text (no
lettered class to turn around, no comma before 占) is counted as not applicable, never as a pass.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from proposal_audit.metamorphic import RELATIONS, check_relation
from proposal_audit.reading import read_text

CORPUS = Path(__file__).resolve().parents[1] / "data" / "corpus"
TEXTS = {p.stem: p.read_text(encoding="utf-8") for p in sorted(CORPUS.glob("*.txt"))}
READINGS: dict = {}


def _original(name: str):
    if name not in READINGS:
        READINGS[name] = read_text(TEXTS[name])
    return READINGS[name]


@pytest.mark.parametrize("relation", RELATIONS, ids=[r.name for r in RELATIONS])
def test_relation_keeps_the_main_figures(relation):
    outcomes = [check_relation(relation, name, text, _original(name)) for name, text in TEXTS.items()]
    broken = [(o.report, o.lost, o.gained) for o in outcomes if o.applies and not o.ok]
    assert broken == []
    assert any(o.applies for o in outcomes), f"{relation.name} applies to no corpus text"


def test_share_before_count_on_a_lettered_report():
    # the relation applies to few corpus texts; on a made-up lettered report it must too
    text = "今年共接办代表建议200件,均已办结。其中A类120件,占60%;B类60件,占30%;C类20件,占10%。"
    [relation] = [r for r in RELATIONS if r.name == "share before count"]
    outcome = check_relation(relation, "made up", text)
    assert outcome.applies and outcome.ok
