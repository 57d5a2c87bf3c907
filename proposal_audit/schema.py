"""Reading user-written YAML files against a schema, with errors that name the file and the key.

YAML is read with every scalar kept as text (yaml.BaseLoader): a percentage typed as 25.90 stays
"25.90" instead of becoming the float 25.9, and pydantic then converts counts and flags from text.
"""

from __future__ import annotations

import difflib
from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ValidationError

from .errors import InputError

M = TypeVar("M", bound=BaseModel)

_MESSAGES_ZH = {
    "extra_forbidden": "未知的键 unknown key",
    "missing": "缺少必填项 required key is missing",
    "int_parsing": "应为整数 must be a whole number",
    "int_from_float": "应为整数 must be a whole number",
    "greater_than_equal": "不能为负数 must not be negative",
    "literal_error": "取值不在允许范围内 value not allowed",
    "enum": "取值不在允许范围内 value not allowed",
    "string_type": "应为文本 must be text",
    "list_type": "应为列表 must be a list",
    "dict_type": "应为映射 must be a mapping of keys to values",
    "model_type": "应为映射 must be a mapping of keys to values",
    "bool_parsing": "应为 true 或 false must be true or false",
}


def read_yaml(path: Path, error_cls: type[InputError]) -> Any:
    """Read a YAML file keeping scalars as text; unreadable or malformed files raise error_cls."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise error_cls(path, [("", "文件不存在 file not found")]) from None
    except UnicodeDecodeError:
        raise error_cls(path, [("", "不是 UTF-8 编码的文本 not UTF-8 text")]) from None
    try:
        return yaml.load(text, Loader=yaml.BaseLoader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"第{mark.line + 1}行 line {mark.line + 1}: " if mark else ""
        raise error_cls(path, [("", f"{where}YAML 格式错误 malformed YAML ({exc})")]) from None


def _field_names(model: type[BaseModel]) -> list[str]:
    """Every field name of a model and of the models nested in it (for "did you mean" hints)."""
    names = list(model.model_fields)
    for field in model.model_fields.values():
        for arg in getattr(field.annotation, "__args__", ()) or (field.annotation,):
            if isinstance(arg, type) and issubclass(arg, BaseModel) and arg is not model:
                names += _field_names(arg)
    return names


def validate(model: type[M], data: Any, path: Path, error_cls: type[InputError]) -> M:
    """Validate parsed YAML against a pydantic model; every problem is reported, not just the first."""
    if data is None:
        raise error_cls(path, [("", "文件为空 the file is empty")])
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        allowed = _field_names(model)
        raise error_cls(path, [_problem(err, allowed) for err in exc.errors()]) from None


def _problem(err: dict[str, Any], allowed: list[str]) -> tuple[str, str]:
    key = ".".join(str(p) for p in err["loc"])
    msg = _MESSAGES_ZH.get(err["type"], err["msg"])
    if err["type"] == "extra_forbidden":
        close = difflib.get_close_matches(str(err["loc"][-1]), allowed, n=1)
        hint = f";是否想写 did you mean '{close[0]}'?" if close else ""
        msg = f"{msg}{hint}"
    elif err["type"] in ("literal_error", "enum"):
        msg = f"{msg}: {err['msg']}"
    if "input" in err and err["type"] != "missing" and not isinstance(err["input"], dict):
        msg = f"{msg} (got {err['input']!r})"
    return key, msg
