"""Parameter files (params/*.yaml): one per audited report, validated as a schema.

Keys become the notebook's papermill parameters, so only the fixed field names below are ever
passed to the kernel: an unknown key is an error naming the file and the key, never code.
"""

from __future__ import annotations

import re
from fractions import Fraction
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, field_validator, model_validator
from pydantic_core import PydanticCustomError

from .errors import ParamsError
from .paths import relative, resolve
from .results import Policy
from .schema import read_yaml, validate

__all__ = ["Params", "load_params", "REPORT_ID"]

REPORT_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9_\-]*")


class Params(BaseModel):
    """The parameters of one audit; the same names as the notebook's `parameters` cell."""

    model_config = ConfigDict(extra="forbid", frozen=True, coerce_numbers_to_str=True)

    report_id: str
    figures: str = ""  # hand-entered figures file, relative to the project root
    source: str = ""  # the published report (.txt, .docx, .pdf, .html): figures are read from it
    region: str = ""  # who reported: overrides what the figures file or the text says
    body: Literal["人大", "政协", ""] = ""
    year: str = ""
    title: str = ""
    language: Literal["zh", "en"] = "zh"
    rounding_policy: Literal["permissive", "strict", "any"] = "permissive"
    gap_threshold_points: str = "20"
    ledger: str = ""  # the handling system's register (台账), .xlsx or .csv: audited against the report
    previous_ledger: str = ""  # last year's register: open promises, suggestions repeated across years
    profile: str = ""  # the region's handling rules (data/profiles/*.yaml); default data/profiles/national.yaml
    ledger_as_of: str = ""  # the date commitments are judged at (default: the ledger's latest date)
    show_names: bool = False  # show deputies' names instead of pseudonyms (代表-001)

    @field_validator("report_id")
    @classmethod
    def _file_name(cls, v: str) -> str:
        if not REPORT_ID.fullmatch(v) or len(v) > 80:
            raise PydanticCustomError(
                "report_id",
                "报告编号用作输出文件名,只能含英文字母、数字、_ 和 -(以字母或数字开头,最多80个字符),"
                "例如 hengnan_2019 / the report id names the output files: use letters, digits, _ and - only "
                "(starting with a letter or digit, at most 80), e.g. hengnan_2019",
            )
        return v

    @field_validator("gap_threshold_points")
    @classmethod
    def _decimal_points(cls, v: str) -> str:
        try:
            value = Fraction(v.strip())
        except ValueError:
            raise PydanticCustomError(
                "points",
                "应为百分点数,用阿拉伯数字写,例如 20 或 12.5 / must be a number of percentage points, "
                "written in digits, e.g. 20 or 12.5",
            ) from None
        if value < 0 or value > 100:
            raise PydanticCustomError("points_range", "应在0到100之间,例如 20 / must lie between 0 and 100, e.g. 20")
        return v.strip()

    @field_validator("year")
    @classmethod
    def _four_digits(cls, v: str) -> str:
        if v and not re.fullmatch(r"(19|20)\d\d", v.strip()):
            raise PydanticCustomError("year", "应为四位年份,例如 2019 / must be a four-digit year, e.g. 2019")
        return v.strip()

    @field_validator("ledger_as_of")
    @classmethod
    def _iso_date(cls, v: str) -> str:
        if v and not re.fullmatch(r"(19|20)\d\d-\d\d-\d\d", v):
            raise ValueError(f"应写成 2020-05-18 must be a date like 2020-05-18, got {v!r}")
        if v:
            from .ledger_schema import parse_date

            bad = parse_date(v).reason
            if bad is not None:
                raise ValueError(f"{bad.zh} {bad.en}")
        return v

    @model_validator(mode="after")
    def _figures_or_source(self) -> Params:
        if not self.figures and not self.source:
            raise PydanticCustomError(
                "figures_or_source",
                "须给出 figures(手工录入的数字文件)或 source(报告原文)之一 / "
                "give a figures file (figures:) or the report itself (source:)",
            )
        return self

    @classmethod
    def from_namespace(cls, namespace: dict[str, object]) -> Params:
        """The parameters a notebook's `parameters` cell (plus papermill's injection) defined."""
        return cls(**{name: namespace[name] for name in cls.model_fields if name in namespace})

    def meta_overrides(self) -> dict[str, str]:
        return {k: getattr(self, k) for k in ("region", "body", "year", "title") if getattr(self, k)}

    @property
    def policy(self) -> Policy:
        return Policy.named(self.rounding_policy, Fraction(self.gap_threshold_points))

    def notebook_parameters(self) -> dict[str, str]:
        """Papermill parameters: every value a string, so printed numbers keep their digits."""
        return {name: str(getattr(self, name)) for name in type(self).model_fields}


def _missing_files(data: dict) -> list[tuple[str, str]]:
    problems = []
    for key in ("figures", "source", "ledger", "previous_ledger", "profile"):
        value = data.get(key)
        if isinstance(value, str) and value and not resolve(value).is_file():
            problems.append((key, f"文件不存在 file not found: {value}"))
    return problems


def load_params(path: str | Path) -> Params:
    """Read and validate a parameter file, reporting every problem (schema and files) at once.

    The report id defaults to the file name.
    """
    path = Path(path)
    shown = Path(relative(path))
    data = read_yaml(path, ParamsError)
    missing = []
    if isinstance(data, dict):
        data.setdefault("report_id", path.stem)
        missing = _missing_files(data)
    try:
        params = validate(Params, data, shown, ParamsError)
    except ParamsError as exc:
        raise ParamsError(shown, exc.problems + missing) from None
    if missing:
        raise ParamsError(shown, missing)
    return params
