"""The joint choice: the text decides first, arithmetic only breaks ties, and a tie it cannot break is asked.

Every text is written for the test; the arithmetic behind each expectation is in its comment.
"""

from __future__ import annotations

from proposal_audit.audit import audit
from proposal_audit.figures import Certainty
from proposal_audit.reading import read_text


def decisions(reading, question: str):
    return [d for d in reading.decisions if d.question == question]


def test_the_text_decides_and_a_printed_error_stays_a_finding():
    # The text says 591, and 148+364+66+10 = 588. No reading of the words makes 588 the total: the total
    # stays 591 (sure), and the parts check fails — arithmetic never explains a misprint away.
    r = read_text(
        "市政府系统共办理提案591件。已经解决的148件,占总数的25.2%;部分解决的364件,占总数的61.9%;"
        "尚不能解决的66件,占总数的11.2%;留作参考的10件,占总数的1.7%。"
    )
    total = r.figures.total
    assert (total.count, total.certainty) == (591, Certainty.SURE)
    parts = next(c for c in audit(r.figures).results if c.check_id.startswith("parts.") and "class" in c.check_id)
    assert parts.status.value == "fail"


def test_arithmetic_breaks_a_tie_between_readings_the_text_allows():
    # Two counts worded alike (共收到建议N件); the first gets one point for coming first, which is a tie.
    # The classes 60+40 = 100 and the shares 60/100 = 60%, 40/100 = 40% fit 100, not 120: 100 is the total.
    r = read_text("共收到建议120件。共收到建议100件。其中已解决60件,占60%;正在解决40件,占40%。")
    assert (r.figures.total.count, r.figures.total.certainty) == (100, Certainty.SURE)
    [d] = decisions(r, "total")
    assert d.decided_by == "arithmetic" and "100" in d.chosen and "120" in d.runner_up


def test_a_tie_neither_text_nor_arithmetic_breaks_is_asked():
    # 60+30+15 = 105 fits neither 120 nor 110: the reader cannot tell which is the total, and says so.
    r = read_text("共收到建议120件。共收到建议110件。其中已解决60件,正在解决30件,暂时无法解决15件。")
    total = r.figures.total
    assert total.certainty is Certainty.AMBIGUOUS
    assert any(str(other) in "".join(total.alternatives) for other in (110, 120) if other != total.count)
    [d] = decisions(r, "total")
    assert d.decided_by == "tie"


def test_two_mentions_of_one_number_are_no_ambiguity():
    # "共收到提案146件 … 承办的146件": the same number twice is one total, not a question
    r = read_text("市政府共收到政协提案146件。今年承办的146件政协提案,满意率达100%。")
    assert (r.figures.total.count, r.figures.total.certainty) == (146, Certainty.SURE)


def test_a_later_stage_of_the_same_proposals_is_the_total():
    # 收到 → 立案 → 并案后: the handling base is the last stage (1635), the first count is what was submitted
    r = read_text("共收到提案1876件,经审查立案1710件,对内容相同的提案并案后为1635件。")
    assert r.figures.total.count == 1635
    assert r.figures.get("submitted").count == 1876


def test_a_breakdown_is_not_a_later_stage():
    # "其中会议期间收到114件…闭会期间收到1件": 114+1 = 115, parts of the whole stated just before
    r = read_text("共收到提案115件,其中:会议期间收到114件,闭会期间收到1件。")
    assert r.figures.total.count == 115


def test_every_scope_records_its_decisions():
    r = read_text("委员共提交提案320件,经审查立案300件,立案率93.75%。")
    [d] = decisions(r, "total")
    assert d.decided_by == "text" and "300" in d.chosen and "320" in d.runner_up


DOUBTFUL = (
    "代表共提出建议178件,县政府将其分解交由34个承办单位办理,其中县政府主要领导亲自办理5件。"
    "截至11月底,178件建议全部办复。所提问题已经解决的69件,占38.8%;正在解决的77件,占43.3%;"
    "因条件限制暂时无法解决的32件,占18.0%。"
)


def test_a_reading_the_words_prefer_but_the_arithmetic_contradicts_is_asked_not_accused():
    # The words lean to 5 as the part handled (其中…办理5件, a later stage than 提出); but 69+77+32 = 178,
    # 69/178 = 38.76 -> 38.8, 77/178 = 43.26 -> 43.3, 32/178 = 17.98 -> 18.0, all on the 178 proposed,
    # and none on 5 (69/5 = 1380%). Not clear enough to choose 178 over the words, and far too clear to
    # accuse the report: every check on the classes asks to confirm the total.
    r = read_text(DOUBTFUL)
    res = audit(r.figures)
    assert [c.check_id for c in res.results if c.status.value == "fail"] == []
    asked = [c for c in res.results if c.cause is not None and c.cause.value == "ambiguous_reading"]
    assert {c.check_id for c in asked} >= {"parts.classes", "pct.share:class.r1"}


def test_a_printed_total_the_classes_miss_by_little_stays_a_finding_look_alike():
    # The same report with the part handled worded as the total itself (共承办178件) and one class
    # misprinted: 69+77+30 = 176 ≠ 178. No other count in the text makes the classes add up, so nothing
    # is asked: the parts check fails.
    r = read_text(
        "县政府共承办代表建议178件,均已办复。所提问题已经解决的69件,占38.8%;正在解决的77件,占43.3%;"
        "因条件限制暂时无法解决的30件,占16.9%。"
    )
    parts = next(c for c in audit(r.figures).results if c.check_id == "parts.classes")
    assert parts.status.value == "fail"
