"""No French words in the code: word sets live in ``data/fr/`` (issue 16).

Scans every module of ``src/chronique`` with ``ast`` for module-level assignments of a
collection (a set, frozenset, tuple, list or dict literal, or a call on one) holding two or
more strings that look like words. Dependency labels ("nsubj", "obl:arg") and strings that are
not plain lowercase words do not count. Collections of non-linguistic names (record fields,
SQL, formats, English identifiers) are listed in ``ALLOWED`` with why.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import chronique

ROOT = Path(chronique.__file__).resolve().parent
WORD = re.compile(r"^[a-zàâäçéèêëîïôöùûüÿœæ]+(?:['’ -][a-zàâäçéèêëîïôöùûüÿœæ]*)*$")
# Universal Dependencies relations and parts of speech: grammar labels, not French
UD_LABELS = frozenset(
    "acl advcl advmod amod appos aux case cc ccomp clf compound conj cop csubj dep det "
    "discourse dislocated expl fixed flat goeswith iobj list mark nmod nsubj nummod obj obl "
    "orphan parataxis punct reparandum root vocative xcomp".split())
ALLOWED = {
    # English identifiers and record fields
    ("actors/mentions.py", "_KIND_RANK"): "mention kinds (English identifiers) and their rank",
    ("events/slots.py", "NOUN_ACTOR"): "argument slots (dependency labels, 'governor')",
    ("events/recipients.py", "WEAK"): "how an entity was resolved (English identifiers)",
    ("coding/invented.py", "PLACED"): "place reasons (English identifiers)",
    ("coding/invented.py", "VOTED"): "how an entity was resolved (English identifiers)",
    ("coding/modality.py", "SLOTTED"): "how arguments were found (English identifiers)",
    ("events/triggers.py", "POS"): "trigger parts of speech (English identifiers)",
    ("documents/jsonl.py", "_TYPES"): "JSON type names for error messages (English)",
    ("evaluate/events.py", "FAMILIES"): "scorer families (English identifiers)",
    ("evaluate/events.py", "MATCHERS"): "matching levels (English identifiers)",
    ("exports/gdelt.py", "COLUMNS"): "column descriptions (English)",
    ("exports/store.py", "FORMATS"): "output format names",
    ("exports/writers.py", "CSV_COLUMNS"): "record field names",
    ("lexicon/forms.py", "_LIGATURES"): "ligature characters and their letters",
    ("store/cluster.py", "STRONG_PLACE_REASONS"): "place reasons (English identifiers)",
    ("store/cluster.py", "_MODALITY_KIND"): "modality names (English identifiers)",
    ("store/queries.py", "UNITS"): "counting units (English identifiers)",
    ("store/queries.py", "PERIODS"): "SQL periods",
    ("store/queries.py", "PERIOD_NAMES"): "SQL periods",
    ("store/queries.py", "_PARTITION"): "counting units and SQL",
    ("store/queries.py", "_FIRST"): "counting units and SQL",
    ("store/queries.py", "_UNIT_DAY"): "counting units and SQL",
    ("store/rows.py", "NESTED"): "record field names",
    ("store/schema.py", "ENTITY"): "column names",
    ("store/schema.py", "PLACE"): "column names",
    ("store/schema.py", "SPAN"): "column names",
    ("store/schema.py", "SENTENCE"): "column names",
    ("store/schema.py", "RECORD_FIELDS"): "column names",
    ("store/schema.py", "EVENT_SCHEMA"): "column names",
    ("store/schema.py", "DOCUMENT_SCHEMA"): "column names",
    ("store/snapshot.py", "HIDDEN"): "column names",
    ("store/snapshot.py", "TEXT_COLUMNS"): "column names",
    ("store/snapshot.py", "RECORD_COLUMNS"): "column names",
    ("store/view.py", "PERIODS"): "SQL periods",
    ("store/view.py", "COUNTS"): "counting units (English identifiers)",
    ("web/annotate.py", "KINDS"): "annotation kinds (English identifiers)",
    ("web/models.py", "ERRORS"): "OpenAPI error descriptions (English)",
    ("web/models.py", "CORPUS_ERRORS"): "OpenAPI error descriptions (English)",
    ("web/views/pages.py", "PAGES"): "page names (URL paths)",
    ("web/views/pages.py", "ROUTES"): "page names (URL paths)",
    ("learn/combine.py", "SPAN_DEPS"): "dependency labels",
    ("learn/corpus.py", "CORPUS_ROOT"): "path parts",
    ("learn/swept.py", "FOLDER"): "path parts",
    ("learn/swept.py", "NO_EVENT"): "label names (English identifiers)",
    ("learn/trigger_model.py", "SHIPPED"): "path parts",
    # French, but learn/ is changed concurrently by the trained models' work: it moves with it
}


def _is_word(value: object) -> bool:
    return isinstance(value, str) and bool(WORD.match(value)) and value not in UD_LABELS


def _collection(node: ast.AST) -> bool:
    if isinstance(node, (ast.Set, ast.Tuple, ast.List, ast.Dict, ast.SetComp, ast.ListComp,
                         ast.DictComp)):
        return True
    if isinstance(node, ast.Call):
        return any(_collection(arg) for arg in node.args)
    if isinstance(node, ast.BinOp):
        return _collection(node.left) or _collection(node.right)
    return False


def _elements(value: ast.AST) -> list[object]:
    """The constants written as elements of the collection literals in ``value`` (not the
    file and key names given to a loader)."""
    out: list[object] = []
    for node in ast.walk(value):
        if isinstance(node, (ast.Set, ast.Tuple, ast.List)):
            out += [e.value for e in node.elts if isinstance(e, ast.Constant)]
        elif isinstance(node, ast.Dict):
            out += [e.value for e in (*node.keys, *node.values) if isinstance(e, ast.Constant)]
    return out


def words_in_code(root: Path) -> list[str]:
    """``module: NAME`` for each module-level collection of words under ``root``."""
    found = []
    for path in sorted(root.rglob("*.py")):
        module = path.relative_to(root).as_posix()
        for node in ast.parse(path.read_text(encoding="utf-8")).body:
            if isinstance(node, ast.Assign):
                targets, value = node.targets, node.value
            elif isinstance(node, ast.AnnAssign) and node.value is not None:
                targets, value = [node.target], node.value
            else:
                continue
            names = [t.id for t in targets if isinstance(t, ast.Name)]
            if not names or names == ["__all__"] or not _collection(value):
                continue
            if sum(_is_word(s) for s in _elements(value)) < 2:
                continue
            found += [f"{module}: {name}" for name in names if (module, name) not in ALLOWED]
    return found


def test_no_word_collections_in_code() -> None:
    found = words_in_code(ROOT)
    assert not found, "French words in code (move them to data/fr/): " + ", ".join(found)


def test_allowed_names_exist() -> None:
    """Every allow-list entry still names a module-level collection (no stale exemptions)."""
    for module, name in ALLOWED:
        tree = ast.parse((ROOT / module).read_text(encoding="utf-8"))
        assigned = {t.id for n in tree.body if isinstance(n, (ast.Assign, ast.AnnAssign))
                    for t in (n.targets if isinstance(n, ast.Assign) else [n.target])
                    if isinstance(t, ast.Name)}
        assert name in assigned, f"{module}: {name} is allowed but no longer assigned"


def test_detector_sees_french() -> None:
    tree_text = 'WORDS = {"malgre", "pendant"}\nLABELS = ("nsubj", "obl:arg")\n'
    module = ast.parse(tree_text)
    flagged = [n.targets[0].id for n in module.body
               if sum(_is_word(s) for s in _elements(n.value)) >= 2]
    assert flagged == ["WORDS"]
