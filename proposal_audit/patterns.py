"""Text patterns that more than one stage needs, defined once: the reader strips what the integrity
checks report, so the two can never disagree about what counts."""

from __future__ import annotations

import re

__all__ = ["PINYIN_RESIDUE"]

# Pinyin that mirror sites put in brackets after a character: 會(huì)議, 會(hui\u0300)議 (the tone as a
# combining mark), 議(yì). One to eight Latin letters, tone-marked vowels or combining tone marks.
PINYIN_RESIDUE = re.compile(r"(?<=[\u4e00-\u9fff])\([a-zü\u00e0-\u00fc\u0101-\u01dc\u0300-\u036f]{1,8} ?\)")
