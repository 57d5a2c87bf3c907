"""Two years of ledgers: last year's promises still open, and suggestions that come back.

Titles are compared as words: segmented with jieba, then scored with rapidfuzz's token-set ratio,
so 《关于加快栗江镇自来水厂提质改造的建议》 and 《关于栗江自来水厂提质改造的建议》 meet. jieba loads a
dictionary of about a second on first use, so it is imported here only, when two years are compared.
Matches are shown for review, never as findings: a similar title is not the same problem.
"""

from __future__ import annotations

import logging
import re
from datetime import date
from functools import cache

from .ledger import Ledger
from .ledger_checks import SHOWN, LedgerCheck, ReviewPair, _result, _where
from .results import Status, Text

__all__ = ["open_promises", "repeated_titles", "REPEAT_SCORE", "is_done"]

REPEAT_SCORE = 80.0  # rapidfuzz token-set ratio (0–100) from which two titles are shown together
_STOP = {
    "关于",
    "的",
    "建议",
    "进一步",
    "加强",
    "加快",
    "推进",
    "问题",
    "和",
    "及",
    "与",
    "对",
    "我县",
    "县",
    "完善",
    "提高",
    "做好",
}
_DONE = re.compile(r"(已|全部|基本)(落实|完成|解决|办结)|落实到位|已建成|已完工")
_NOT_DONE = re.compile(r"未|尚未|部分|正在|推进中|进行中|暂")


def is_done(status: str) -> bool:
    """A 落实情况 that says the commitment was kept (已落实, 已完成 …), and not 'partly' or 'not yet'."""
    return bool(_DONE.search(status)) and not _NOT_DONE.search(status)


def open_promises(previous: Ledger, as_of: date) -> LedgerCheck:
    """Last year's B/C items whose deadline has passed and whose outcome is not recorded as done."""
    title = Text("上年B、C类承诺仍未落实", "last year's B/C commitments still open")
    items = [r for r in previous.active if r.class_rank in (2, 3)]
    due = [r for r in items if r.follow_deadline is not None and r.follow_deadline <= as_of]
    still = [r for r in due if not is_done(r.follow_status)]
    if not still:
        return _result(
            "ledger.years.open_promises",
            title,
            Status.PASS,
            Text(
                f"上年B、C类{len(items)}件中截至{as_of}到期的{len(due)}件都已落实",
                f"all {len(due)} of last year's {len(items)} B/C commitments due by {as_of} are recorded as kept",
            ),
        )
    shown = ";".join(f"{r.where()}{r.lead_unit}:{r.follow_status or '未记录'}" for r in still[:SHOWN])
    return _result(
        "ledger.years.open_promises",
        title,
        Status.WARN,
        Text(
            f"上年台账({previous.path})截至{as_of}到期的{len(due)}件承诺中,{len(still)}件未记为已落实:{shown}",
            f"in last year's ledger ({previous.path}), {len(still)} of {len(due)} commitments due by {as_of} "
            f"are not recorded as kept: {_where(still, False)}",
        ),
        [r.row for r in still],
    )


@cache
def _jieba():  # noqa: ANN202 - the jieba module, with its dictionary loaded and its log quiet
    import jieba

    jieba.setLogLevel(logging.WARNING)
    jieba.initialize()
    return jieba


def _words(title: str) -> str:
    t = re.sub(r"[《》“”\"'‘’,,。、;;::!!??()()\s]", "", title)
    return " ".join(w for w in _jieba().lcut(t) if w not in _STOP and w.strip())


def repeated_titles(previous: Ledger, current: Ledger, score: float = REPEAT_SCORE) -> list[ReviewPair]:
    """Pairs of titles from the two years scoring at least `score`, best first (one match per title)."""
    from rapidfuzz import fuzz, process

    prev = [r for r in previous.rows if r.title]
    cur = [r for r in current.rows if r.title]
    if not prev or not cur:
        return []
    a = [_words(r.title) for r in prev]
    b = [_words(r.title) for r in cur]
    matrix = process.cdist(b, a, scorer=fuzz.token_set_ratio, score_cutoff=score, workers=1)
    pairs: list[ReviewPair] = []
    for i, row in enumerate(matrix):
        j = int(row.argmax())
        if row[j] >= score:
            pairs.append(ReviewPair(float(row[j]), prev[j], cur[i]))
    return sorted(pairs, key=lambda p: (-p.score, p.current.row))
