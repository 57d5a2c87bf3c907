"""The wording lexicon: every entry of lexicon.yaml has examples, and every example reads as written there.

The examples are the test rows: a newcomer who adds a wording adds its example next to it, and this file
checks it. Expected values in the YAML are written by hand from the meaning of the words (ranks: 1 solved
or adopted, 2 being solved or planned, 3 cannot now or explained, 4 kept for reference).
"""

from __future__ import annotations

import pytest
import yaml

from proposal_audit.figures import Kind, Level
from proposal_audit.lexicon import LEXICON_FILE, lexicon
from proposal_audit.reading import read_text

DATA = yaml.safe_load(LEXICON_FILE.read_text(encoding="utf-8"))
LEX = lexicon()


def _rows(section: str) -> list[tuple[dict, dict]]:
    return [(entry, ex) for entry in DATA[section] for ex in entry.get("examples", [])]


def test_every_entry_has_an_example():
    missing = [
        (section, entry.get("rank") or entry.get("level") or entry.get("kind") or entry.get("stage"))
        for section in ("classes", "satisfaction", "rates", "volumes")
        for entry in DATA[section]
        if not entry.get("examples")
    ]
    missing += [
        k
        for k in ("units", "contacts", "satisfaction_bases", "topics", "handled", "ballots")
        if not DATA[k].get("examples")
    ]
    assert missing == []


@pytest.mark.parametrize("entry, ex", _rows("classes"), ids=lambda x: x.get("text", "") if isinstance(x, dict) else "")
def test_class_wordings(entry, ex):
    reading = LEX.class_reading(ex["text"])
    assert reading is not None and reading.rank == ex["rank"]


@pytest.mark.parametrize("ex", DATA["combine_examples"], ids=lambda x: x["text"])
def test_combined_class_wordings(ex):
    reading = LEX.class_reading(ex["text"])
    assert reading is not None
    assert (reading.rank, list(reading.lump), list(reading.also)) == (
        ex["rank"],
        ex.get("lump", []),
        ex.get("also", []),
    )


@pytest.mark.parametrize(
    "entry, ex", _rows("satisfaction"), ids=lambda x: x.get("text", "") if isinstance(x, dict) else ""
)
def test_satisfaction_wordings(entry, ex):
    assert LEX.level(ex["text"]) is Level(ex["level"])


@pytest.mark.parametrize("ex", DATA["satisfaction_dimension_examples"], ids=lambda x: x["text"])
def test_satisfaction_dimensions(ex):
    assert LEX.dimension(ex["text"]) == ex["dimension"]


@pytest.mark.parametrize("entry, ex", _rows("rates"), ids=lambda x: x.get("text", "") if isinstance(x, dict) else "")
def test_rate_wordings(entry, ex):
    rate = LEX.rate(ex["text"])
    assert rate is not None and rate.kind is Kind(ex["kind"])
    assert list(rate.ranks) == ex.get("ranks", [])


@pytest.mark.parametrize("entry, ex", _rows("volumes"), ids=lambda x: x.get("text", "") if isinstance(x, dict) else "")
def test_volume_stages(entry, ex):
    stage = LEX.volume_stage(ex["text"])
    assert stage is not None and stage.value == ex["stage"]


@pytest.mark.parametrize("ex", DATA["volume_verb_examples"], ids=lambda x: x["text"])
def test_stage_verbs_that_say_how_an_item_was_handled(ex):
    stage = LEX.volume_stage(ex["text"])
    assert (stage.value if stage else None) == ex["stage"]


@pytest.mark.parametrize("ex", DATA["not_volume_examples"], ids=lambda x: x["text"])
def test_counts_that_are_no_volume(ex):
    # read as a sentence after a real total: the count is never a volume (total, submitted or base)
    r = read_text("共收到建议100件。" + ex["text"] + "。")
    kinds = [f.kind for f in r.all_figures() if f.count != 100]
    assert not {Kind.TOTAL, Kind.SUBMITTED, Kind.BASE} & set(kinds)


@pytest.mark.parametrize("ex", DATA["units"]["examples"], ids=lambda x: x["text"])
def test_units_wordings(ex):
    r = read_text("共收到建议100件。" + ex["text"] + "。")
    assert any(f.kind is Kind.UNITS for f in r.figures) is ex["units"]


@pytest.mark.parametrize("ex", DATA["contacts"]["examples"], ids=lambda x: x["text"])
def test_contacts_wordings(ex):
    r = read_text("共收到建议100件。" + ex["text"] + "。")
    assert any(f.kind is Kind.CONTACTS for f in r.figures) is ex["contacts"]


@pytest.mark.parametrize("ex", DATA["satisfaction_bases"]["examples"], ids=lambda x: x["text"])
def test_satisfaction_base_wordings(ex):
    r = read_text("共收到建议1000件。" + ex["text"] + "。")
    assert any(f.kind is Kind.SATISFACTION_BASE for f in r.figures) is ex["base"]


@pytest.mark.parametrize("ex", DATA["topics"]["examples"], ids=lambda x: x["text"])
def test_topic_wordings(ex):
    r = read_text("共收到建议100件,其中" + ex["text"] + "60件,占60%。")
    assert any(f.kind is Kind.TOPIC for f in r.figures) is ex["topic"]


@pytest.mark.parametrize("ex", DATA["handled"]["examples"], ids=lambda x: x["text"])
def test_handled_wordings(ex):
    r = read_text("共收到建议96件," + ex["text"] + "。")
    assert any(f.kind is Kind.HANDLED for f in r.figures) is ex["handled"]


@pytest.mark.parametrize("ex", DATA["handled"]["pending_examples"], ids=lambda x: x["text"])
def test_the_rest_still_being_handled_is_no_class(ex):
    r = read_text("共收到建议215件," + ex["text"] + "。")
    assert sum(f.kind is Kind.CLASS for f in r.figures) == ex["classes"]


@pytest.mark.parametrize("ex", DATA["ballots"]["examples"], ids=lambda x: x["text"])
def test_ballots_are_no_report_wide_figure(ex):
    r = read_text("共收到建议30件。测评情况:" + ex["text"] + ",满意率85.71%。")
    assert any(f.kind is Kind.SATISFACTION for f in r.all_figures()) is not ex["ballot"]


@pytest.mark.parametrize("ex", DATA["goals"]["examples"], ids=lambda x: x["text"])
def test_a_goal_is_no_result(ex):
    r = read_text("县政府共承办代表建议120件。" + ex["text"])
    rates = [f for f in r.all_figures() if f.pct is not None]
    assert (rates == []) is ex["goal"]


@pytest.mark.parametrize("ex", DATA["relation_examples"], ids=lambda x: x["text"])
def test_share_base_words(ex):
    m = LEX.share_bases.first(ex["text"])
    assert m is not None and m.value == ex["share_base"]


@pytest.mark.parametrize("ex", DATA["scope_examples"], ids=lambda x: x["text"])
def test_scope_words(ex):
    m = LEX.scopes.first(ex["text"])
    assert m is not None and m.value == ex["scope"]


@pytest.mark.parametrize("ex", DATA["body_examples"], ids=lambda x: x["text"])
def test_body_words(ex):
    m = LEX.bodies.first(ex["text"])
    assert m is not None and m.value == ex["body"]
    assert ex["level"] in LEX.levels_of_government and ex["text"].startswith(ex["level"])


@pytest.mark.parametrize("ex", DATA["class_heading_examples"], ids=lambda x: x["text"])
def test_class_headings(ex):
    assert LEX.is_class_heading(ex["text"]) is ex["heading"]


def test_longest_word_first():
    assert LEX.class_reading("未被采纳的").rank == 3  # not 采纳 (1)
    assert LEX.rate("办结答复率达").kind is Kind.REPLY_RATE  # not 办结率 (handled)
    assert LEX.level("满意或基本满意的") is Level.SATISFIED_OR_BASIC  # not 满意 nor 基本满意


@pytest.mark.parametrize("ex", DATA["distributive"]["examples"], ids=lambda x: x["text"])
def test_distributive_lists_read_one_label_beside_one_number(ex):
    from proposal_audit.normalize import normalize

    assert normalize(ex["text"]).text == ex["reads"]
