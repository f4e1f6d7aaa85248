"""The core's layers: each package of `monitoring/` imports only from its own layer or
the layers below it, siblings of one layer stay independent, nothing in it imports
streamlit, and a module over `LONG` lines says at its top why it is one module.

    contract < text < config < storage | intake < analysis < present < services
        < cli | devtools

(`a | b`: the same layer, neither importing the other.) A new package must be placed
here; a module directly under `monitoring/` has no layer and fails the test.
"""

from __future__ import annotations

import ast
from pathlib import Path

CORE = Path(__file__).resolve().parents[2] / "monitoring"
LAYERS: tuple[tuple[str, ...], ...] = (
    ("contract",),
    ("text",),
    ("config",),
    ("storage", "intake"),
    ("analysis",),
    ("present",),
    ("services",),
    ("cli", "devtools"),
)
RANK = {package: rank for rank, layer in enumerate(LAYERS) for package in layer}
LONG = 500  # lines
REASON = "Why one module:"  # in the docstring of a module over LONG lines


def modules() -> dict[str, Path]:
    """`monitoring.x.y` → its file, for every module of the core."""
    found = {}
    for path in sorted(CORE.rglob("*.py")):
        parts = path.relative_to(CORE.parent).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        found[name] = path
    return found


def imported(path: Path, name: str) -> set[str]:
    """The dotted names a module imports (relative imports resolved), type-only included."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parent = package.split(".")
                parent = parent[: len(parent) - node.level + 1]
                base = ".".join([*parent, *([base] if base else [])])
            names.add(base)
            names.update(f"{base}.{alias.name}" for alias in node.names)
    return names


def layer_of(name: str) -> str | None:
    parts = name.split(".")
    return parts[1] if len(parts) > 1 and parts[0] == "monitoring" else None


def violations(found: dict[str, Path]) -> list[str]:
    out = []
    for name, path in found.items():
        mine = layer_of(name)
        if name == "monitoring":
            continue
        if mine not in RANK:
            out.append(f"{name}: in no layer (place its package in LAYERS)")
            continue
        for target in sorted(imported(path, name)):
            theirs = layer_of(target)
            if target.split(".")[0] == "streamlit":
                out.append(f"{name} imports streamlit")
            if theirs is None or theirs == mine or theirs not in RANK:
                continue
            if RANK[theirs] > RANK[mine]:
                out.append(f"{name} imports {target}: {theirs} is above {mine}")
            elif RANK[theirs] == RANK[mine]:
                out.append(f"{name} imports {target}: {theirs} and {mine} are independent")
    return out


def test_no_import_goes_up_the_layers() -> None:
    problems = violations(modules())
    assert not problems, "\n".join(problems)


def test_the_layer_check_sees_an_import_up_the_layers(tmp_path: Path) -> None:
    low = tmp_path / "monitoring" / "contract" / "low.py"
    low.parent.mkdir(parents=True)
    low.write_text("from monitoring.present import charts\nimport streamlit\n")
    side = tmp_path / "monitoring" / "intake" / "side.py"
    side.parent.mkdir(parents=True)
    side.write_text("from ..storage import sql\n")
    loose = tmp_path / "monitoring" / "loose.py"
    loose.write_text("")
    problems = violations(
        {"monitoring.contract.low": low, "monitoring.intake.side": side, "monitoring.loose": loose}
    )
    assert any("contract.low imports monitoring.present" in p for p in problems), problems
    assert "monitoring.contract.low imports streamlit" in problems
    assert any("intake.side imports monitoring.storage" in p for p in problems), problems
    assert any(p.startswith("monitoring.loose: in no layer") for p in problems), problems


def test_every_long_module_says_why_it_is_one() -> None:
    long = []
    for name, path in modules().items():
        text = path.read_text(encoding="utf-8")
        lines = text.count("\n")
        doc = ast.get_docstring(ast.parse(text)) or ""
        if lines > LONG and REASON not in doc:
            long.append(f"{name}: {lines} lines, no '{REASON}' in its docstring")
    assert not long, "\n".join(long)


# --- The analysis speaks no language (issue 13, item 3) ----------------------------------
# It returns codes, dates and numbers under stable column ids; `monitoring.present` words
# them. So no module of `monitoring.analysis` imports the texts, nor takes a language.
LANGUAGE_FREE = "analysis"
LANGUAGE_NAMES = {"lang", "language"}  # a parameter by that name, or annotated `Lang`


def _takes_a_language(arg: ast.arg) -> bool:
    annotation = ast.unparse(arg.annotation) if arg.annotation is not None else ""
    return arg.arg in LANGUAGE_NAMES or annotation.split(".")[-1].strip("'\"") == "Lang"


def language_problems(found: dict[str, Path]) -> list[str]:
    """Each module of the language-free layer that imports `monitoring.text`, and each of
    its functions (methods and lambdas included) that takes a language."""
    out = []
    for name, path in found.items():
        if layer_of(name) != LANGUAGE_FREE:
            continue
        for target in sorted(imported(path, name)):
            if layer_of(target) == "text":
                out.append(f"{name} imports {target}")
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda):
                a = node.args
                every = [*a.posonlyargs, *a.args, *a.kwonlyargs, *filter(None, [a.vararg, a.kwarg])]
                for arg in every:
                    if _takes_a_language(arg):
                        where = getattr(node, "name", "<lambda>")
                        out.append(f"{name}:{node.lineno} {where}() takes a language ({arg.arg})")
    return out


def test_no_analysis_module_imports_the_texts_or_takes_a_language() -> None:
    problems = language_problems(modules())
    assert not problems, "\n".join(problems)


def test_the_language_check_sees_a_text_import_and_a_language_parameter(tmp_path: Path) -> None:
    worded = tmp_path / "monitoring" / "analysis" / "worded.py"
    worded.parent.mkdir(parents=True)
    worded.write_text(
        "from monitoring.text.i18n import t\n"
        "from monitoring.contract.schema import Lang\n"
        "def rows(frame, lang='fr'):\n    return frame\n"
        "class Review:\n    def summary(self, *, tongue: Lang) -> list[str]:\n        return []\n"
        "label = lambda code, lang: code\n"
    )
    clean = tmp_path / "monitoring" / "present" / "words.py"
    clean.parent.mkdir(parents=True)
    clean.write_text(
        "from monitoring.text.i18n import t\ndef rows(frame, lang):\n    return frame\n"
    )
    problems = language_problems(
        {"monitoring.analysis.worded": worded, "monitoring.present.words": clean}
    )
    assert "monitoring.analysis.worded imports monitoring.text.i18n" in problems
    assert "monitoring.analysis.worded imports monitoring.text.i18n.t" in problems
    assert "monitoring.analysis.worded:3 rows() takes a language (lang)" in problems
    assert "monitoring.analysis.worded:6 summary() takes a language (tongue)" in problems
    assert "monitoring.analysis.worded:8 <lambda>() takes a language (lang)" in problems
    assert not [p for p in problems if "present" in p], problems  # presentation may speak
