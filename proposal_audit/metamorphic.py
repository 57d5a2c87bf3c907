"""Metamorphic relations of the reader: ways of rewriting a report that must not change what it says.

Each relation rewrites a text the way another report would print the same facts — commas doubled or
dropped before 占, 件 written 条, traditional script, full-width digits, Chinese numerals, a share
printed before its count — or adds something the audit must keep apart (last year's figures before the
year's, the other body's paragraph after them). The figures of the main scope must stay the same.
`make eval` prints the results over the corpus; tests/test_metamorphic.py asserts them.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache

from .evaluate import Key, figure_key
from .reading import Reading, read_text

__all__ = ["Relation", "RELATIONS", "Outcome", "check_relation", "run_relations"]


@cache
def _opencc(config: str):  # noqa: ANN202 - opencc.OpenCC
    import opencc

    return opencc.OpenCC(config)


def _header_and_body(text: str) -> tuple[str, str]:
    """A corpus text's `source:` header and its body (the header is kept as it is)."""
    m = re.match(r"source:[^\n]*\n---\n", text)
    return (m.group(0), text[m.end() :]) if m else ("", text)


def double_commas(text: str) -> str:
    return re.sub(r"[,，]", lambda m: m.group(0) * 2, text)


def drop_comma_before_share(text: str) -> str:
    """ "40件,占26.85%" → "40件占26.85%"."""
    return re.sub(r"(\d\s*[件条项])\s*[,，]\s*(?=(?:约|分别)?占)", r"\1", text)


def units_as_tiao(text: str) -> str:
    """Counts in 条 instead of 件 ("149件" → "149条"); 件次 and words such as 条件 are left alone."""
    return re.sub(r"(?<=[\d零〇一二两三四五六七八九十百千万])件(?!次)", "条", text)


def other_script(text: str) -> str:
    """Simplified → traditional, or traditional → simplified for a text already in traditional script."""
    head, body = _header_and_body(text)
    simplified = _opencc("t2s").convert(body)
    return head + (_opencc("s2t").convert(body) if simplified == body else simplified)


_FULL = str.maketrans("0123456789%.", "０１２３４５６７８９％．")


def full_width_digits(text: str) -> str:
    head, body = _header_and_body(text)
    return head + re.sub(r"\d+(?:\.\d+)?%?", lambda m: m.group(0).translate(_FULL), body)


def chinese_numerals(text: str) -> str:
    """ "149件" → "一百四十九件", "26.85%" → "百分之二十六点八五"."""
    import cn2an

    head, body = _header_and_body(text)

    def count(m: re.Match[str]) -> str:
        n = int(m.group(1))
        return (cn2an.an2cn(n) if 10 <= n < 100000 else m.group(1)) + m.group(2)

    def share(m: re.Match[str]) -> str:
        return "百分之" + cn2an.an2cn(m.group(1)).replace("点", "点")

    body = re.sub(r"(?<![\d.])(\d{1,5})(件(?!次)|条|项)", count, body)
    body = re.sub(r"(?<![\d.])(\d{1,3}(?:\.\d{1,2})?)%", share, body)
    return head + body


def share_before_count(text: str) -> str:
    """ "A类40件,占26.85%" → "占26.85%的40件为A类": the same class, the share printed first."""
    return re.sub(
        r"([A-D甲乙丙丁]类(?:件)?)(?:有|共)?(\d+)件[,，]?占(?:总数的)?(\d+(?:\.\d+)?%)", r"占\3的\2件为\1", text
    )


PREVIOUS_YEAR = "上年共收到代表建议和提案888件,已全部办结,满意率为99.5%。\n"


def previous_year_first(text: str) -> str:
    head, body = _header_and_body(text)
    return head + PREVIOUS_YEAR + body


OTHER_BODY = {
    "人大": "\n\n另,县政协共收到委员提案77件,已全部办结,满意率达96.1%。\n",
    "政协": "\n\n另,县人大常委会交办人大代表建议66件,已全部办结,满意率达98.5%。\n",
}


def other_body_after(text: str) -> str:
    from .integrity import infer_body

    return text + OTHER_BODY[infer_body(text)]


@dataclass(frozen=True)
class Relation:
    name: str
    rewrite: Callable[[str], str]
    added: tuple[Key, ...] = ()  # figures the rewrite adds, which must stay out of the main scope


RELATIONS: tuple[Relation, ...] = (
    Relation("commas doubled", double_commas),
    Relation("comma before 占 dropped", drop_comma_before_share),
    Relation("件 written 条", units_as_tiao),
    Relation("the other script", other_script),
    Relation("full-width digits", full_width_digits),
    Relation("Chinese numerals", chinese_numerals),
    Relation("share before count", share_before_count),
    Relation("last year's figures first", previous_year_first, (("total", "", 888, None),)),
    Relation(
        "the other body's paragraph after",
        other_body_after,
        (("total", "", 77, None), ("total", "", 66, None), ("satisfaction", "satisfied_or_basic", None, "96.1")),
    ),
)


@dataclass(frozen=True)
class Outcome:
    relation: str
    report: str
    applies: bool  # the rewrite changed the text
    same: bool  # the main scope's figures are the same
    kept_apart: bool  # what the rewrite added stayed out of the main scope
    lost: tuple[Key, ...] = ()
    gained: tuple[Key, ...] = ()

    @property
    def ok(self) -> bool:
        return self.same and self.kept_apart


def _main_keys(r: Reading) -> Counter[Key]:
    return Counter(figure_key(f) for f in r.figures)


def check_relation(relation: Relation, name: str, text: str, original: Reading | None = None) -> Outcome:
    original = original or read_text(text)
    rewritten = relation.rewrite(text)
    if rewritten == text:
        return Outcome(relation.name, name, False, True, True)
    r = read_text(rewritten)
    before, after = _main_keys(original), _main_keys(r)
    added_in_main = [k for k in relation.added if k in after]
    return Outcome(
        relation.name,
        name,
        True,
        before == after,
        not added_in_main,
        tuple((before - after).elements()),
        tuple((after - before).elements()),
    )


def run_relations(texts: dict[str, str]) -> list[Outcome]:
    out = []
    for name, text in texts.items():
        original = read_text(text)
        out += [check_relation(rel, name, text, original) for rel in RELATIONS]
    return out
